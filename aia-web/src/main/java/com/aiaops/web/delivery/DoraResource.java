package com.aiaops.web.delivery;

import com.aiaops.access.Caller;
import com.aiaops.catalog.Service;
import com.aiaops.delivery.Deployment;
import com.aiaops.delivery.DeploymentService;
import com.aiaops.delivery.DoraBands;
import com.aiaops.incident.Incident;
import com.aiaops.shared.KeptSet;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.QueryParameters;
import com.aiaops.web.platform.TimeParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The DORA metrics, and the performance levels they are judged by. */
@Path("dora")
@Tag(name = "Delivery")
@Produces(MediaType.APPLICATION_JSON)
public class DoraResource {
    @Inject
    DeploymentService deployments;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    @Inject
    KeptAnswers keptAnswers;

    /** The window DORA is read over unless the request names one. */
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Deployment frequency (deployment days), median lead time, change failure rate (deployments with an incident "
            + "attributed within attributionWindow, default 24h, or rolled back, and failed deployments, of all changes), median time to restore, over [from, to) (default: "
            + "the last 30 days), for the organisation or one serviceId; levels from the named band set (bands=2021|2023|2024, default 2024)")
    public DeploymentService.Dora dora(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("serviceId") String serviceId,
                                       @QueryParam("attributionWindow") String attributionWindow, @QueryParam("bands") String bands) {
        Instant now = clock.instant();
        Instant end = TimeParameters.instant("to", to, now);
        Instant start = TimeParameters.instant("from", from, end.minus(DEFAULT_WINDOW));
        UUID service = QueryParameters.optionalId("serviceId", serviceId);
        Duration attribution = TimeParameters.duration("attributionWindow", attributionWindow, Duration.ofHours(24));
        String bandSet = bands == null || bands.isBlank() ? DoraBands.LATEST : bands.trim();
        Caller who = caller.get();
        boolean lastThirtyDays = from == null && to == null;
        if (!lastThirtyDays && (from == null || to == null)) {
            // Not kept: a window that grows.
            return deployments.dora(who, service, start, end, attribution, bandSet);
        }
        String question = "dora|" + service + "|" + attribution + "|" + bandSet + (lastThirtyDays ? "|last" : "|" + start + "|" + end);
        // A service's figures also say whether it exists: kept under the services too.
        List<Class<? extends KeptSet.Member>> reads = service == null ? List.of(Deployment.class, Incident.class)
                : List.of(Deployment.class, Incident.class, Service.class);
        DeploymentService.Dora kept = keptAnswers.held(who, reads, question, now, () -> {
            if (!lastThirtyDays) {
                return new KeptAnswers.TrueUntil<>(deployments.dora(who, service, start, end, attribution, bandSet), Instant.MAX);
            }
            DeploymentService.HeldDora held = deployments.doraOverLast(who, service, DEFAULT_WINDOW, now, attribution, bandSet);
            return new KeptAnswers.TrueUntil<>(held.dora(), held.holdsUntil());
        });
        // The last thirty days' figures held since they were computed, said of the thirty days ending now.
        return lastThirtyDays ? kept.over(start, end) : kept;
    }

    @GET
    @Path("bands")
    @Access(Role.VIEWER)
    @Operation(summary = "The band sets (reference data, one per report year) with each level's bounds and the report's words")
    public Map<String, List<DoraBands.BandSet>> bands() {
        return Map.of("items", DoraBands.all());
    }
}
