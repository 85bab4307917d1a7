package com.aiaops.web.tenancy;

import com.aiaops.shared.Ids;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.OrganizationService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.SessionKeys;
import com.aiaops.web.platform.Versions;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's organisations. Any other organisation answers 404. */
@Path("organizations")
@Tag(name = "Tenancy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {
    @Inject
    OrganizationService organizations;

    @Inject
    CurrentCaller caller;

    @Context
    HttpServletRequest request;

    public record RenameRequest(@NotBlank @Size(max = 200) String name) {
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The organisations the caller may act in: all memberships for a person, the key's own for an API key")
    public Map<String, List<TenancyViews.OrganizationView>> list() {
        Caller c = caller.get();
        HttpSession session = request.getSession(false);
        if (c.kind() == Caller.ActorKind.MEMBER && session != null) {
            UUID account = UUID.fromString((String) session.getAttribute(SessionKeys.ACCOUNT));
            return Map.of("items", organizations.membershipsOf(account).stream()
                    .map(m -> TenancyViews.OrganizationView.of(m.organization())).toList());
        }
        return Map.of("items", List.of(TenancyViews.OrganizationView.of(organizations.current(c))));
    }

    @GET
    @Path("current")
    @Access(Role.VIEWER)
    @Operation(summary = "The organisation the caller is acting in")
    public Response current() {
        return withEtag(organizations.current(caller.get()));
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One organisation (only the caller's own)")
    public Response get(@PathParam("id") String id) {
        return withEtag(organizations.get(caller.get(), Ids.parse(id, "organization")));
    }

    @PATCH
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Rename the organisation (If-Match optional)")
    public Response rename(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull RenameRequest body) {
        organizations.get(caller.get(), Ids.parse(id, "organization"));
        return withEtag(organizations.rename(caller.get(), body.name(), Versions.optional(ifMatch)));
    }

    private static Response withEtag(Organization organization) {
        return Versions.ok(TenancyViews.OrganizationView.of(organization), organization.version());
    }
}
