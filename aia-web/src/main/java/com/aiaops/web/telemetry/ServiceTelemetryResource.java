package com.aiaops.web.telemetry;

import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.telemetry.TelemetryRepair;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.TimeParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A service's request rate, error rate and latency percentiles. */
@Path("services/{id}/telemetry")
@Tag(name = "Telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTelemetryResource {
    @Inject
    TelemetryQuery query;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    @Inject
    TelemetryRepair repair;

    @DELETE
    @Access(Role.ADMIN)
    @Operation(summary = "Repair: drop the service's stored telemetry of whole UTC days [from, to) at every resolution (audited)")
    public TelemetryRepair.Dropped drop(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw InvalidRequestException.ofField("invalid-parameter", from == null ? "from" : "to", "is required");
        }
        return repair.drop(caller.get(), Ids.parse(id, "service"), TimeParameters.instant("from", from, null),
                TimeParameters.instant("to", to, null));
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Requests, rate, error rate and latency quantiles over [from, to) (default: the last hour)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TelemetryQuery.Summary.class)))
    public Response summary(@PathParam("id") String id, @QueryParam("from") String from,
                                          @QueryParam("to") String to, @QueryParam("quantiles") String quantiles) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofHours(1)));
        return json(query.summaryJson(caller.get(), Ids.parse(id, "service"), start, end, TimeParameters.quantiles(quantiles)));
    }

    @GET
    @Path("series")
    @Access(Role.VIEWER)
    @Operation(summary = "The same numbers per step (default 1m) over [from, to)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TelemetryQuery.SeriesPoints.class)))
    public Response series(@PathParam("id") String id, @QueryParam("from") String from,
                                                            @QueryParam("to") String to, @QueryParam("step") String step,
                                                            @QueryParam("quantiles") String quantiles) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofHours(1)));
        return json(query.seriesJson(caller.get(), Ids.parse(id, "service"), start, end,
                TimeParameters.duration("step", step, Duration.ofMinutes(1)), TimeParameters.quantiles(quantiles)));
    }

    /** Answers are kept as JSON in the query cache; sent as they are. */
    private static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
