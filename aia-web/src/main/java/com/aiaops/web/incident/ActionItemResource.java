package com.aiaops.web.incident;

import com.aiaops.incident.ActionItem;
import com.aiaops.incident.PostmortemService;
import com.aiaops.shared.Ids;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Action items of an incident's postmortem. */
@Path("incidents/{incidentId}/action-items")
@Tag(name = "Incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ActionItemResource {
    @Inject
    PostmortemService postmortems;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    public record AddRequest(@NotBlank @Size(max = 300) String title, @NotNull UUID ownerId, @NotNull LocalDate dueOn) {
    }

    public record UpdateRequest(@Size(min = 1, max = 300) String title, UUID ownerId, LocalDate dueOn, ActionItem.State state) {
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Add an action item (owner: a member; due date)")
    public Response add(@PathParam("incidentId") String incidentId, @Valid @NotNull AddRequest body) {
        ActionItem item = postmortems.addActionItem(caller.get(), Ids.parse(incidentId, "incident"), body.title(), body.ownerId(),
                body.dueOn());
        return Response.created(URI.create("incidents/" + incidentId + "/action-items/" + item.id()))
                .entity(PostmortemResource.ActionItemView.of(item, today())).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The incident's action items in the order they were added")
    public Map<String, List<PostmortemResource.ActionItemView>> list(@PathParam("incidentId") String incidentId) {
        LocalDate today = today();
        return Map.of("items", postmortems.actionItems(caller.get(), Ids.parse(incidentId, "incident")).stream()
                .map(a -> PostmortemResource.ActionItemView.of(a, today)).toList());
    }

    @GET
    @Path("{itemId}")
    @Access(Role.VIEWER)
    @Operation(summary = "One action item of the incident")
    public PostmortemResource.ActionItemView get(@PathParam("incidentId") String incidentId, @PathParam("itemId") String itemId) {
        java.util.UUID id = Ids.parse(itemId, "action item");
        return postmortems.actionItems(caller.get(), Ids.parse(incidentId, "incident")).stream().filter(a -> a.id().equals(id))
                .findFirst().map(a -> PostmortemResource.ActionItemView.of(a, today()))
                .orElseThrow(() -> new com.aiaops.shared.NotFoundException("action item", id));
    }

    @PATCH
    @Path("{itemId}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Change an action item's title, owner, due date or state (OPEN, IN_PROGRESS, DONE, WONT_DO)")
    public PostmortemResource.ActionItemView update(@PathParam("incidentId") String incidentId, @PathParam("itemId") String itemId,
                                                    @Valid @NotNull UpdateRequest body) {
        ActionItem item = postmortems.updateActionItem(caller.get(), Ids.parse(incidentId, "incident"), Ids.parse(itemId, "action item"),
                body.title(), body.ownerId(), body.dueOn(), body.state());
        return PostmortemResource.ActionItemView.of(item, today());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
