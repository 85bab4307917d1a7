package com.aiaops.web.statuspage;

import com.aiaops.shared.Ids;
import com.aiaops.statuspage.ComponentStatus;
import com.aiaops.statuspage.StatusComponent;
import com.aiaops.statuspage.StatusComponents;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The components of the organisation's public status page. */
@Path("status-components")
@Tag(name = "Status page")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StatusComponentResource {
    @Inject
    StatusComponents statusPage;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    public record AddRequest(@NotNull UUID serviceId, @NotBlank @Size(max = 100) String name, @Min(0) @Max(1000) Integer position) {
    }

    /** status null clears the override. */
    public record OverrideRequest(ComponentStatus status, @Size(max = 500) String note) {
    }

    public record ComponentView(UUID id, UUID serviceId, String name, int position, ComponentStatus override, String overrideNote,
                                Instant updatedAt) {
        static ComponentView of(StatusComponent c) {
            return new ComponentView(c.id(), c.serviceId(), c.name(), c.position(), c.override(), c.overrideNote(), c.updatedAt());
        }
    }

    @POST
    @Access(Role.ADMIN)
    @Operation(summary = "Show a service on the public status page under a public name")
    public Response add(@Valid @NotNull AddRequest body) {
        StatusComponent c = statusPage.add(caller.get(), body.serviceId(), body.name(), body.position() == null ? 0 : body.position());
        return Response.created(URI.create("status-components/" + c.id())).entity(ComponentView.of(c)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The status page's components in page order")
    public Map<String, List<ComponentView>> list() {
        Caller who = caller.get();
        return keptAnswers.map(who, StatusComponent.class, "status-components",
                () -> Map.of("items", statusPage.components(who).stream().map(ComponentView::of).toList()));
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One component of the status page")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComponentView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        java.util.UUID componentId = Ids.parse(id, "status component");
        return keptAnswers.one(who, StatusComponent.class, componentId, () -> KeptAnswers.One.of(statusPage.components(who).stream()
                .filter(c -> c.id().equals(componentId)).findFirst().map(ComponentView::of)
                .orElseThrow(() -> new com.aiaops.shared.NotFoundException("status component", componentId))));
    }

    @PUT
    @Path("{id}/override")
    @Access(Role.OPERATOR)
    @Operation(summary = "Set the status shown whatever alerts, incidents and SLOs say ({\"status\":null} clears it)")
    public ComponentView override(@PathParam("id") String id, @Valid @NotNull OverrideRequest body) {
        return ComponentView.of(statusPage.override(caller.get(), Ids.parse(id, "status component"), body.status(), body.note()));
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Take the component off the status page")
    public Response remove(@PathParam("id") String id) {
        statusPage.remove(caller.get(), Ids.parse(id, "status component"));
        return Response.noContent().build();
    }
}
