package com.aiaops.web.incident;

import com.aiaops.incident.ActionItem;
import com.aiaops.incident.Postmortem;
import com.aiaops.incident.PostmortemService;
import com.aiaops.shared.Ids;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.Versions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The postmortem of an incident. */
@Path("incidents/{incidentId}/postmortem")
@Tag(name = "Incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PostmortemResource {
    @Inject
    PostmortemService postmortems;

    @Inject
    CurrentCaller caller;

    public record WriteRequest(@NotBlank @Size(max = 8000) String summary, @Size(max = 8000) String impact,
                               @Size(max = 8000) String rootCause, @Size(max = 8000) String lessons) {
    }

    public record PostmortemView(java.util.UUID incidentId, String summary, String impact, String rootCause, String lessons,
                                 Instant updatedAt, String updatedBy, long version) {
        static PostmortemView of(Postmortem p) {
            return new PostmortemView(p.incidentId(), p.summary(), p.impact(), p.rootCause(), p.lessons(), p.updatedAt(),
                    p.updatedBy(), p.version());
        }
    }

    @PUT
    @Access(Role.OPERATOR)
    @Operation(summary = "Write or revise the postmortem of a RESOLVED incident (or one in POSTMORTEM); If-Match guards revisions")
    public Response write(@PathParam("incidentId") String incidentId, @HeaderParam("If-Match") String ifMatch,
                          @Valid @NotNull WriteRequest body) {
        Postmortem p = postmortems.write(caller.get(), Ids.parse(incidentId, "incident"), body.summary(), body.impact(),
                body.rootCause(), body.lessons(), Versions.optional(ifMatch));
        return Versions.ok(PostmortemView.of(p), p.version());
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The postmortem (404 until written)")
    public Response get(@PathParam("incidentId") String incidentId) {
        Postmortem p = postmortems.get(caller.get(), Ids.parse(incidentId, "incident"));
        return Versions.ok(PostmortemView.of(p), p.version());
    }

    /** An action item as clients see it. */
    public record ActionItemView(java.util.UUID id, java.util.UUID incidentId, String title, java.util.UUID ownerId,
                                 java.time.LocalDate dueOn, ActionItem.State state, boolean overdue, Instant createdAt,
                                 Instant finishedAt) {
        static ActionItemView of(ActionItem a, java.time.LocalDate today) {
            return new ActionItemView(a.id(), a.incidentId(), a.title(), a.ownerId(), a.dueOn(), a.state(), a.overdue(today),
                    a.createdAt(), a.finishedAt());
        }
    }
}
