package com.aiaops.web.tenancy;

import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.MemberService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.Versions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Members of the caller's organisation. */
@Path("members")
@Tag(name = "Tenancy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {
    @Inject
    MemberService members;

    @Inject
    CurrentCaller caller;

    public record AddMemberRequest(@NotBlank @Email @Size(max = 254) String email,
                                   @NotBlank @Size(max = 200) String displayName,
                                   @NotNull Role role,
                                   @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {
    }

    public record UpdateMemberRequest(Role role, @Size(min = 1, max = 200) String displayName) {
    }

    /** INGEST is a scope for API keys; a person is ADMIN, OPERATOR or VIEWER. */
    private static void refuseIngestRole(Role role) {
        if (role == Role.INGEST) {
            throw new InvalidRequestException("validation-failed", "INGEST is an API key scope, not a member role",
                    List.of(new InvalidRequestException.Violation("role", "must be ADMIN, OPERATOR or VIEWER")));
        }
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Members, in pages (cursor, limit 1-200)")
    public Page<TenancyViews.MemberView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return members.list(caller.get(), PageRequest.of(cursor, limit)).map(TenancyViews.MemberView::of);
    }

    @POST
    @Access(Role.ADMIN)
    @Operation(summary = "Add a person with a role (a new account needs an initial password)")
    public Response add(@Valid @NotNull AddMemberRequest body) {
        refuseIngestRole(body.role());
        Member member = members.add(caller.get(), body.email(), body.displayName(), body.role(), body.password());
        return Response.created(URI.create("members/" + member.id()))
                .entity(TenancyViews.MemberView.of(member)).tag(Versions.etag(member.version())).build();
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One member")
    public Response get(@PathParam("id") String id) {
        Member member = members.get(caller.get(), Ids.parse(id, "member"));
        return Versions.ok(TenancyViews.MemberView.of(member), member.version());
    }

    @PATCH
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Change a member's role or display name (If-Match optional)")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateMemberRequest body) {
        refuseIngestRole(body.role());
        Member member = members.update(caller.get(), Ids.parse(id, "member"), body.role(), body.displayName(),
                Versions.optional(ifMatch));
        return Versions.ok(TenancyViews.MemberView.of(member), member.version());
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Remove a member from the organisation")
    public Response remove(@PathParam("id") String id) {
        members.remove(caller.get(), Ids.parse(id, "member"));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/erasure")
    @Access(Role.ADMIN)
    @Operation(summary = "GDPR erasure: remove the member, redact their personal data from the audit trail, pseudonymise the account")
    public MemberService.ErasureReport erase(@PathParam("id") String id) {
        return members.erase(caller.get(), Ids.parse(id, "member"));
    }
}
