package com.aiaops.web.catalog;

import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceCatalog;
import com.aiaops.catalog.Tier;
import com.aiaops.shared.Ids;
import com.aiaops.shared.PageRequest;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import com.aiaops.web.platform.Versions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's organisation's services. Updates need If-Match with the ETag last read. */
@Path("services")
@Tag(name = "Service catalog")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {
    @Inject
    ServiceCatalog catalog;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    public record CreateServiceRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String slug,
            @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(max = 100) String ownerTeam,
            @NotNull Tier tier,
            @Size(max = 2000) String description) {
    }

    public record UpdateServiceRequest(
            @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(max = 100) String ownerTeam,
            @NotNull Tier tier,
            @Size(max = 2000) String description) {
    }

    public record ServiceView(UUID id, String slug, String displayName, String ownerTeam, Tier tier,
                              BigDecimal uptimeSlaPercent, int serviceCreditPercent, String description,
                              Instant createdAt, Instant updatedAt, long version) {
        static ServiceView of(Service s) {
            return new ServiceView(s.id(), s.slug(), s.displayName(), s.ownerTeam(), s.tier(), s.tier().uptimeSlaPercent(),
                    s.tier().serviceCreditPercent(), s.description(), s.createdAt(), s.updatedAt(), s.version());
        }
    }

    @Schema(name = "PageServiceView")
    public record ServiceViewPage(List<ServiceView> items, String nextCursor) {
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Services in slug order, in pages (cursor, limit 1-200)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceViewPage.class)))
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Caller who = caller.get();
        PageRequest page = PageRequest.of(cursor, limit);
        return keptAnswers.about(who, Service.class, KeptAnswers.pageQuestion("services", page),
                () -> catalog.list(who, page).map(ServiceView::of));
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Register a service with its owner team and tier")
    public Response register(@Valid @NotNull CreateServiceRequest body) {
        Service service = catalog.register(caller.get(), body.slug(), body.displayName(), body.ownerTeam(), body.tier(),
                body.description());
        return Response.created(URI.create("services/" + service.id()))
                .entity(ServiceView.of(service)).tag(Versions.etag(service.version())).build();
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One service, with its ETag")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID serviceId = Ids.parse(id, "service");
        return keptAnswers.one(who, Service.class, serviceId, () -> {
            Service service = catalog.get(who, serviceId);
            return KeptAnswers.One.versioned(ServiceView.of(service), service.version());
        });
    }

    @PUT
    @Path("{id}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Replace a service's description; If-Match is required")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateServiceRequest body) {
        UUID serviceId = Ids.parse(id, "service");
        long expected = Versions.required(ifMatch);
        Service service = catalog.describe(caller.get(), serviceId, expected, body.displayName(), body.ownerTeam(),
                body.tier(), body.description());
        return Versions.ok(ServiceView.of(service), service.version());
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Retire a service")
    public Response retire(@PathParam("id") String id) {
        catalog.retire(caller.get(), Ids.parse(id, "service"));
        return Response.noContent().build();
    }
}
