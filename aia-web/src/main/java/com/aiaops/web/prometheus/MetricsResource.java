package com.aiaops.web.prometheus;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;
import com.aiaops.prometheus.ExpositionFormat;
import com.aiaops.prometheus.OrganizationMetrics;
import com.aiaops.prometheus.PlatformMetrics;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.PlatformOperators;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The organisation's metrics for Prometheus to scrape, with a VIEWER key as the bearer token (Prometheus'
 * {@code authorization} setting sends it so).
 */
@Path("metrics")
@Tag(name = "Prometheus")
public class MetricsResource {
    @Inject
    OrganizationMetrics metrics;

    @Inject
    PlatformMetrics platform;

    @Inject
    PlatformOperators operators;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    @GET
    @Access(Role.VIEWER)
    @Produces({"application/openmetrics-text", "text/plain"})
    @Operation(summary = "The organisation's SLOs (objective, SLI, error budget left as a ratio and in seconds, burn rate per alert "
            + "window, alerts firing, state), services (requests, errors and latency quantiles over 5 minutes), checks (up, latency), "
            + "open incidents by severity, the four DORA keys over 30 days and this month's spend against each budget, labelled by "
            + "service, slo and window: OpenMetrics 1.0 when the Accept header names it (Prometheus does), else Prometheus text 0.0.4")
    public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ExpositionFormat format = ExpositionFormat.forAccept(accept);
        Caller who = caller.get();
        Instant now = clock.instant();
        // Kept on this node in each format while nothing the scrape reads changes, to the minute's end at most.
        String text = keptAnswers.heldAboutSets(who, OrganizationMetrics.READS, "metrics|" + format.contentType(), now, () -> {
            OrganizationMetrics.Scrape scrape = metrics.scrape(who, now);
            return new KeptAnswers.TrueUntil<>(format.write(scrape.families()), scrape.holdsUntil());
        });
        return Response.ok(text).type(format.contentType()).build();
    }

    @GET
    @Path("platform")
    @Access(Role.ADMIN)
    @Produces({"application/openmetrics-text", "text/plain"})
    @Operation(summary = "This node's own metrics, for the platform operators' organisation only: API request latency as a histogram "
            + "(aia_http_server_request_duration_seconds, by method, route template and status) and telemetry received. WildFly's "
            + "JVM and subsystem metrics stay at the management port's /metrics")
    public Response platform(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        operators.require("metrics/platform");
        ExpositionFormat format = ExpositionFormat.forAccept(accept);
        return Response.ok(format.write(platform.families())).type(format.contentType()).build();
    }
}
