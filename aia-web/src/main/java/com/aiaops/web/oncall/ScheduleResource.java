package com.aiaops.web.oncall;

import com.aiaops.oncall.Rotation;
import com.aiaops.oncall.Schedule;
import com.aiaops.oncall.ScheduleOverride;
import com.aiaops.oncall.ScheduleService;
import com.aiaops.oncall.Shift;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import com.aiaops.web.platform.TimeParameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** On-call schedules of the caller's organisation. */
@Path("schedules")
@Tag(name = "On-call")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {
    @Inject
    ScheduleService schedules;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    public record DefineRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @NotBlank @Size(max = 64) String timeZone,
            @NotNull LocalDateTime firstHandoff,
            @NotNull @Min(1) @Max(1000) Integer turnLength,
            @NotNull Rotation.Unit turnUnit,
            @NotNull @Size(max = 100) List<@NotNull UUID> members) {
    }

    public record OverrideRequest(@NotNull UUID memberId, @NotNull Instant from, @NotNull Instant to) {
    }

    /** A schedule and who is on call on it now (null: nobody), so a list of schedules needs no request a row. */
    public record ScheduleView(UUID id, String name, String timeZone, LocalDateTime firstHandoff, int turnLength,
                               Rotation.Unit turnUnit, List<UUID> members, UUID onCallNow) {
        static ScheduleView of(Schedule s, UUID onCallNow) {
            Rotation r = s.rotation();
            return new ScheduleView(s.id(), s.name(), r.zone().getId(), r.firstHandoff(), r.length(), r.unit(), r.members(), onCallNow);
        }
    }

    private ScheduleView view(Schedule s) {
        return ScheduleView.of(s, schedules.onCallAt(caller.get(), s.id(), clock.instant()));
    }

    public record OnCallView(Instant at, UUID memberId) {
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Define a schedule: members take turns of turnLength × turnUnit, handing off at firstHandoff's local time")
    public Response define(@Valid @NotNull DefineRequest body) {
        ZoneId zone;
        try {
            zone = ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidRequestException("validation-failed", "timeZone is not a known zone, e.g. Europe/Paris",
                    List.of(new InvalidRequestException.Violation("timeZone", "unknown time zone")));
        }
        Schedule schedule = schedules.define(caller.get(), body.name(),
                new Rotation(body.firstHandoff(), zone, body.turnLength(), body.turnUnit(), body.members()));
        return Response.created(URI.create("schedules/" + schedule.id())).entity(view(schedule)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Schedules by name")
    public Map<String, List<ScheduleView>> list() {
        Caller who = caller.get();
        Instant now = clock.instant();
        // Kept until a schedule or an override changes, or the next hand-off or override edge comes.
        return keptAnswers.mapUntil(who, Schedule.class, "schedules", now, () -> {
            ScheduleService.Roster roster = schedules.roster(who, now);
            return new KeptAnswers.TrueUntil<>(Map.of("items", roster.schedules().stream()
                    .map(s -> ScheduleView.of(s, roster.onCall().get(s.id()))).toList()), roster.holdsUntil());
        });
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One schedule")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID scheduleId = Ids.parse(id, "schedule");
        Instant now = clock.instant();
        // Kept until a schedule or an override changes, or the schedule's next hand-off or override edge comes.
        return keptAnswers.one(who, Schedule.class, scheduleId, now, () -> {
            ScheduleService.OnCall onCall = schedules.onCallHeld(who, scheduleId, now);
            return new KeptAnswers.One(ScheduleView.of(onCall.schedule(), onCall.memberId()), null, onCall.holdsUntil());
        });
    }

    @GET
    @Path("{id}/on-call")
    @Access(Role.VIEWER)
    @Operation(summary = "Who is on call at a time (default: now); memberId null means nobody")
    public OnCallView onCall(@PathParam("id") String id, @QueryParam("at") String at) {
        Instant when = TimeParameters.instant("at", at, clock.instant());
        return new OnCallView(when, schedules.onCallAt(caller.get(), Ids.parse(id, "schedule"), when));
    }

    @GET
    @Path("{id}/shifts")
    @Access(Role.VIEWER)
    @Operation(summary = "Shifts over [from, to) (default: the next 14 days), with gaps and empty shifts flagged")
    public Map<String, List<Shift>> shifts(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = TimeParameters.instant("from", from, clock.instant());
        Instant end = TimeParameters.instant("to", to, start.plus(Duration.ofDays(14)));
        return Map.of("items", schedules.shifts(caller.get(), Ids.parse(id, "schedule"), start, end));
    }

    @POST
    @Path("{id}/overrides")
    @Access(Role.OPERATOR)
    @Operation(summary = "Someone takes the schedule over [from, to); the latest override wins")
    public Response override(@PathParam("id") String id, @Valid @NotNull OverrideRequest body) {
        ScheduleOverride o = schedules.override(caller.get(), Ids.parse(id, "schedule"), body.memberId(), body.from(), body.to());
        return Response.status(Response.Status.CREATED).entity(Map.of("id", o.id(), "memberId", o.memberId(),
                "from", o.from().toString(), "to", o.to().toString())).build();
    }
}
