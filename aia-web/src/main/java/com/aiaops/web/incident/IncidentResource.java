package com.aiaops.web.incident;

import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentMetrics;
import com.aiaops.incident.IncidentRole;
import com.aiaops.incident.IncidentService;
import com.aiaops.incident.IncidentState;
import com.aiaops.incident.Severity;
import com.aiaops.incident.TimelineEntry;
import com.aiaops.shared.Ids;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import com.aiaops.web.platform.TimeParameters;
import com.aiaops.web.platform.Versions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Incidents of the caller's organisation. */
@Path("incidents")
@Tag(name = "Incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    @Inject
    IncidentService incidents;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    com.aiaops.alerting.AlertService alerts;

    @Inject
    Clock clock;

    /** title and summary are internal; publicTitle, when given, is what the public status page shows. */
    public record OpenRequest(@NotBlank @Size(max = 200) String title, @Size(max = 200) String publicTitle, @NotNull Severity severity,
                              @NotNull @Size(max = 50) List<@NotNull UUID> serviceIds, @Size(max = 4000) String summary,
                              UUID escalationPolicyId) {
    }

    /** The note is internal unless publicUpdate is true: then it is an update on the public status page. */
    public record TransitionRequest(@NotNull IncidentState to, @Size(max = 4000) String note, Boolean publicUpdate) {
    }

    /** The title the public sees; an empty one withdraws it. */
    public record PublicTitleRequest(@NotNull @Size(max = 200) String publicTitle) {
    }

    public record SeverityRequest(@NotNull Severity severity, @Size(max = 4000) String reason) {
    }

    public record RoleRequest(@NotNull IncidentRole role, @NotNull UUID memberId) {
    }

    public record NoteRequest(@NotBlank @Size(max = 4000) String text, Boolean publicUpdate) {
    }

    public record IncidentView(UUID id, String title, String publicTitle, Severity severity, IncidentState state, List<UUID> serviceIds,
                               Instant triggeredAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
                               Instant closedAt, Instant responseDueAt, boolean responseSlaMissed, UUID commander,
                               UUID scribe, UUID liaison, List<IncidentState> allowedTransitions, UUID escalationPolicyId,
                               int escalationStepsPaged, Instant nextEscalationAt, long version) {
        static IncidentView of(Incident i, Instant now) {
            return new IncidentView(i.id(), i.title(), i.publicTitle(), i.severity(), i.state(), i.services(), i.triggeredAt(), i.acknowledgedAt(),
                    i.mitigatedAt(), i.resolvedAt(), i.closedAt(), i.responseDueAt(), i.responseSlaMissed(now), i.commander(),
                    i.scribe(), i.liaison(), List.copyOf(i.state().next()), i.escalationPolicyId(), i.stepsPaged(),
                    i.nextEscalationAt(), i.version());
        }
    }

    public record TimelineView(long sequence, Instant at, TimelineEntry.Kind kind, String text, String actor, boolean publicUpdate) {
        static TimelineView of(TimelineEntry e) {
            return new TimelineView(e.id(), e.at(), e.kind(), e.text(), e.actor(), e.publicUpdate());
        }
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Open an incident (TRIGGERED) for the affected services; with an escalationPolicyId its steps "
            + "page until someone acknowledges it")
    public Response open(@Valid @NotNull OpenRequest body) {
        Incident incident = incidents.open(caller.get(), body.title(), body.publicTitle(), body.severity(), body.serviceIds(),
                body.summary(), body.escalationPolicyId());
        return Response.created(URI.create("incidents/" + incident.id())).entity(IncidentView.of(incident, clock.instant()))
                .tag(Versions.etag(incident.version())).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Incidents, oldest first (order=newest: the latest first), in pages; filtered by status (open: triggered, "
            + "acknowledged or mitigated; closed: resolved and after), severity and a service they touch")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentViewPage.class)))
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                         @QueryParam("order") @jakarta.validation.constraints.Pattern(regexp = "oldest|newest") String order,
                         @QueryParam("status") @jakarta.validation.constraints.Pattern(regexp = "open|closed") String status,
                         @QueryParam("severity") String severity,
                         @QueryParam("serviceId") String serviceId) {
        Instant now = clock.instant();
        java.util.Set<IncidentState> states = status == null ? null : "open".equals(status)
                ? java.util.EnumSet.of(IncidentState.TRIGGERED, IncidentState.ACKNOWLEDGED, IncidentState.MITIGATED)
                : java.util.EnumSet.of(IncidentState.RESOLVED, IncidentState.POSTMORTEM, IncidentState.CLOSED);
        IncidentService.Filter filter = new IncidentService.Filter(states,
                com.aiaops.web.platform.QueryParameters.oneOf("severity", severity, Severity.class, null),
                com.aiaops.web.platform.QueryParameters.optionalId("serviceId", serviceId));
        Caller who = caller.get();
        PageRequest page = PageRequest.of(cursor, limit, order);
        String question = KeptAnswers.pageQuestion("incidents|" + status + "|" + filter.severity() + "|" + filter.serviceId(), page);
        // A page holds while no listed incident's response SLA turns missed: until the soonest due time still waited for.
        return keptAnswers.aboutUntil(who, Incident.class, question, now, () -> {
            Page<Incident> read = incidents.list(who, page, filter);
            Instant holdsUntil = read.items().stream().map(i -> i.responseSlaMissedHoldsUntil(now)).min(Instant::compareTo).orElse(Instant.MAX);
            return new KeptAnswers.TrueUntil<>(read.map(i -> IncidentView.of(i, now)), holdsUntil);
        });
    }

    @Schema(name = "PageIncidentView")
    public record IncidentViewPage(List<IncidentView> items, String nextCursor) {
    }

    @GET
    @Path("metrics")
    @Access(Role.VIEWER)
    @Operation(summary = "MTTA, MTTR and MTBF (means) of incidents triggered in [from, to) (default: the last 30 days)")
    public IncidentMetrics metrics(@QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("serviceId") String serviceId) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofDays(30)));
        return incidents.metrics(caller.get(), start, end, serviceId == null ? null : Ids.parse(serviceId, "service"));
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One incident, with the moves its life cycle allows now")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID incidentId = Ids.parse(id, "incident");
        Instant now = clock.instant();
        // Kept until the incident (or another) changes, or its response SLA is missed as time passes.
        return keptAnswers.one(who, Incident.class, incidentId, now, () -> {
            Incident incident = incidents.get(who, incidentId);
            return new KeptAnswers.One(IncidentView.of(incident, now), incident.version(), incident.responseSlaMissedHoldsUntil(now));
        });
    }

    @POST
    @Path("{id}/transitions")
    @Access(Role.OPERATOR)
    @Operation(summary = "Move the incident on (acknowledge, mitigate, resolve, postmortem, close, reopen); 409 if not allowed")
    public Response transition(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                               @Valid @NotNull TransitionRequest body) {
        Incident incident = incidents.transition(caller.get(), Ids.parse(id, "incident"), body.to(), body.note(),
                Boolean.TRUE.equals(body.publicUpdate()), Versions.optional(ifMatch));
        return Versions.ok(IncidentView.of(incident, clock.instant()), incident.version());
    }

    @PUT
    @Path("{id}/public-title")
    @Access(Role.OPERATOR)
    @Operation(summary = "Set the title the public status page shows (\"\" withdraws it: the page then names only the affected components)")
    public Response publicTitle(@PathParam("id") String id, @Valid @NotNull PublicTitleRequest body) {
        Incident incident = incidents.publish(caller.get(), Ids.parse(id, "incident"), body.publicTitle());
        return Versions.ok(IncidentView.of(incident, clock.instant()), incident.version());
    }

    @PUT
    @Path("{id}/severity")
    @Access(Role.OPERATOR)
    @Operation(summary = "Change the severity (and so the response SLA)")
    public Response severity(@PathParam("id") String id, @Valid @NotNull SeverityRequest body) {
        Incident incident = incidents.changeSeverity(caller.get(), Ids.parse(id, "incident"), body.severity(), body.reason());
        return Versions.ok(IncidentView.of(incident, clock.instant()), incident.version());
    }

    @PUT
    @Path("{id}/roles")
    @Access(Role.OPERATOR)
    @Operation(summary = "Give a member a role: commander, scribe or liaison")
    public Response assign(@PathParam("id") String id, @Valid @NotNull RoleRequest body) {
        Incident incident = incidents.assign(caller.get(), Ids.parse(id, "incident"), body.role(), body.memberId());
        return Versions.ok(IncidentView.of(incident, clock.instant()), incident.version());
    }

    @GET
    @Path("{id}/alerts")
    @Access(Role.VIEWER)
    @Operation(summary = "The alerts that opened or joined the incident, newest first")
    public Map<String, List<com.aiaops.web.alerting.AlertResource.AlertView>> alerts(@PathParam("id") String id) {
        UUID incidentId = Ids.parse(id, "incident");
        incidents.get(caller.get(), incidentId);
        return Map.of("items", alerts.alerts(caller.get(), null, null, incidentId, 500).stream()
                .map(com.aiaops.web.alerting.AlertResource.AlertView::of).toList());
    }

    @GET
    @Path("{id}/timeline")
    @Access(Role.VIEWER)
    @Operation(summary = "The incident's timeline, in order")
    public Map<String, List<TimelineView>> timeline(@PathParam("id") String id) {
        return Map.of("items", incidents.timeline(caller.get(), Ids.parse(id, "incident")).stream().map(TimelineView::of).toList());
    }

    @POST
    @Path("{id}/timeline")
    @Access(Role.OPERATOR)
    @Operation(summary = "Add a note to the timeline (publicUpdate: shown on the status page)")
    public Response note(@PathParam("id") String id, @Valid @NotNull NoteRequest body) {
        TimelineEntry entry = incidents.addNote(caller.get(), Ids.parse(id, "incident"), body.text(),
                body.publicUpdate() != null && body.publicUpdate());
        return Response.status(Response.Status.CREATED).entity(TimelineView.of(entry)).build();
    }
}
