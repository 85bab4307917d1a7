package com.aiaops.web.delivery;

import com.aiaops.delivery.DeploymentService;
import com.aiaops.delivery.DoraBands;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
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

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Deployment frequency (deployment days), median lead time, change failure rate (deployments with an incident "
            + "attributed within attributionWindow, default 24h, or rolled back, and failed deployments, of all changes), median time to restore, over [from, to) (default: "
            + "the last 30 days), for the organisation or one serviceId; levels from the named band set (bands=2021|2023|2024, default 2024)")
    public DeploymentService.Dora dora(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("serviceId") String serviceId,
                                       @QueryParam("attributionWindow") String attributionWindow, @QueryParam("bands") String bands) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofDays(30)));
        return deployments.dora(caller.get(), QueryParameters.optionalId("serviceId", serviceId), start, end,
                TimeParameters.duration("attributionWindow", attributionWindow, Duration.ofHours(24)),
                bands == null || bands.isBlank() ? DoraBands.LATEST : bands.trim());
    }

    @GET
    @Path("bands")
    @Access(Role.VIEWER)
    @Operation(summary = "The band sets (reference data, one per report year) with each level's bounds and the report's words")
    public Map<String, List<DoraBands.BandSet>> bands() {
        return Map.of("items", DoraBands.all());
    }
}
