package com.aiaops.web.maintenance;

import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.maintenance.MaintenanceWindow;
import com.aiaops.shared.Ids;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.TimeParameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Maintenance windows of the caller's organisation; their minutes are left out of SLO budgets. */
@Path("maintenance-windows")
@Tag(name = "Maintenance")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceWindowResource {
    @Inject
    MaintenanceService maintenance;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    public record AnnounceRequest(UUID serviceId, @NotBlank @Size(max = 200) String title, @NotNull Instant startsAt,
                                  @NotNull Instant endsAt, com.aiaops.maintenance.Recurrence recurrence,
                                  @Size(max = 64) String timeZone, Instant repeatUntil) {
    }

    public record WindowView(UUID id, UUID serviceId, String title, Instant startsAt, Instant endsAt,
                             com.aiaops.maintenance.Recurrence recurrence, String timeZone, Instant repeatUntil,
                             Instant createdAt) {
        static WindowView of(MaintenanceWindow w) {
            return new WindowView(w.id(), w.serviceId(), w.title(), w.startsAt(), w.endsAt(), w.recurrence(), w.zone().getId(),
                    w.repeatUntil(), w.createdAt());
        }
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Announce a maintenance window for a service (or all services without serviceId); whole minutes. "
            + "recurrence DAILY, WEEKLY or MONTHLY repeats it at the same local time in timeZone (default UTC) until repeatUntil")
    public Response announce(@Valid @NotNull AnnounceRequest body) {
        java.time.ZoneId zone;
        try {
            zone = body.timeZone() == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(body.timeZone());
        } catch (java.time.DateTimeException e) {
            throw com.aiaops.shared.InvalidRequestException.ofField("validation-failed", "timeZone", "not a time zone, e.g. Europe/Paris");
        }
        MaintenanceWindow window = maintenance.announce(caller.get(), body.serviceId(), body.title(), body.startsAt(), body.endsAt(),
                body.recurrence() == null ? com.aiaops.maintenance.Recurrence.NONE : body.recurrence(), zone, body.repeatUntil());
        return Response.created(URI.create("maintenance-windows/" + window.id())).entity(WindowView.of(window)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Windows overlapping [from, to) (default: the last 7 days to 30 days ahead)")
    public Map<String, List<WindowView>> list(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant now = clock.instant();
        Instant start = TimeParameters.instant("from", from, now.minus(Duration.ofDays(7)));
        Instant end = TimeParameters.instant("to", to, now.plus(Duration.ofDays(30)));
        return Map.of("items", maintenance.list(caller.get(), start, end).stream().map(WindowView::of).toList());
    }

    public record OccurrenceView(UUID windowId, UUID serviceId, String title, Instant startsAt, Instant endsAt) {
    }

    @GET
    @Path("occurrences")
    @Access(Role.VIEWER)
    @Operation(summary = "Every occurrence of the windows (recurring ones expanded) overlapping [from, to) (default: now to 30 days ahead)")
    public Map<String, List<OccurrenceView>> occurrences(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant now = clock.instant();
        Instant start = TimeParameters.instant("from", from, now);
        Instant end = TimeParameters.instant("to", to, now.plus(Duration.ofDays(30)));
        if (!start.isBefore(end) || Duration.between(start, end).toDays() > 400) {
            throw com.aiaops.shared.InvalidRequestException.ofField("invalid-parameter", "to", "must be after from, at most 400 days later");
        }
        return Map.of("items", maintenance.occurrences(caller.get(), start, end).stream()
                .map(o -> new OccurrenceView(o.windowId(), o.serviceId(), o.title(), o.startsAt(), o.endsAt())).toList());
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One maintenance window")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WindowView.class)))
    public Response get(@PathParam("id") String id) {
        return keptAnswers.one(caller.get(), MaintenanceWindow.class, id, "maintenance window",
                (who, windowId) -> WindowView.of(maintenance.get(who, windowId)));
    }

    @DELETE
    @Path("{id}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Cancel a maintenance window (its minutes count in budgets again)")
    public Response cancel(@PathParam("id") String id) {
        maintenance.cancel(caller.get(), Ids.parse(id, "maintenance window"));
        return Response.noContent().build();
    }
}
