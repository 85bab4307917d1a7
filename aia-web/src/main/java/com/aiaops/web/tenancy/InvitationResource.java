package com.aiaops.web.tenancy;

import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Role;
import com.aiaops.shared.Ids;
import com.aiaops.shared.NotFoundException;
import com.aiaops.tenancy.Invitation;
import com.aiaops.tenancy.InvitationService;
import com.aiaops.tenancy.Member;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Invitations to the caller's organisation (admins), and the two public steps of the person invited: reading what the
 * link offers, and accepting it, which signs them in.
 */
@Path("invitations")
@Tag(name = "Tenancy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {
    @Inject
    InvitationService invitations;

    @Inject
    CurrentCaller caller;

    @Inject
    SessionResource sessions;

    @Inject
    java.time.Clock clock;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    public record InviteRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role) {
    }

    /** An invitation; {@code acceptUrl} (with its secret) only in the answer to the invitation, once. */
    public record InvitationView(UUID id, String email, Role role, Instant createdAt, Instant expiresAt, boolean expired, String acceptUrl) {
        static InvitationView of(Invitation i, Instant now, String acceptUrl) {
            return new InvitationView(i.id(), i.email(), i.role(), i.createdAt(), i.expiresAt(), !i.open(now), acceptUrl);
        }
    }

    public record OfferView(String organizationName, String email, Role role, Instant expiresAt, boolean accountExists) {
    }

    /** A new address gives a name and a password; an existing account gives its own password. */
    public record AcceptRequest(@Size(max = 200) String displayName,
                                @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {
    }

    @POST
    @Access(Role.ADMIN)
    @Operation(summary = "Invite a person by e-mail with a role: the link is e-mailed and, once, in this answer; good for 7 days")
    public Response invite(@Valid @NotNull InviteRequest body) {
        String links = appLink();
        InvitationService.Issued issued = invitations.invite(caller.get(), body.email(), body.role(), links);
        return Response.created(URI.create("invitations/" + issued.invitation().id()))
                .entity(InvitationView.of(issued.invitation(), clock.instant(), links + issued.token())).build();
    }

    @GET
    @Access(Role.ADMIN)
    @Operation(summary = "Invitations not yet accepted, newest first (expired ones say so)")
    public Map<String, List<InvitationView>> pending() {
        Instant now = clock.instant();
        return Map.of("items", invitations.pending(caller.get()).stream().map(i -> InvitationView.of(i, now, null)).toList());
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Revoke an invitation: its link stops working")
    public Response revoke(@PathParam("id") String id) {
        invitations.revoke(caller.get(), Ids.parse(id, "id"));
        return Response.noContent().build();
    }

    @GET
    @Path("links/{token}")
    @Public
    @Operation(summary = "Public: what an invitation link offers (404 when unknown, used, revoked or expired)")
    public OfferView offer(@PathParam("token") String token) {
        InvitationService.Offer offer = invitations.offer(token).orElseThrow(() -> new NotFoundException("invitation", "…"));
        return new OfferView(offer.organizationName(), offer.email(), offer.role(), offer.expiresAt(), offer.accountExists());
    }

    @POST
    @Path("links/{token}/acceptance")
    @Public
    @Operation(summary = "Public: accept an invitation (a new account with its name and password, or an existing one with its "
            + "password) and be signed in to the organisation")
    public Response accept(@PathParam("token") String token, @Valid @NotNull AcceptRequest body) {
        InvitationService.Offer offer = invitations.offer(token).orElseThrow(() -> new NotFoundException("invitation", "…"));
        if (offer.accountExists()) {
            sessions.countPasswordAttempt(offer.email());
        }
        Member member = OrganizationScope.within(offer.organizationId(), () -> invitations.accept(token, body.displayName(), body.password()));
        TenancyViews.SessionView session = sessions.start(request, member.account().id(), member.organizationId());
        return Response.created(URI.create("members/" + member.id())).entity(session).build();
    }

    /** The dashboard's route for a link, on the address the admin's request came to: the token is appended. */
    private String appLink() {
        String base = uri.getBaseUri().toString();
        String app = base.endsWith("/api/v1/") ? base.substring(0, base.length() - "api/v1/".length()) : base;
        return app + "#/invitation/";
    }
}
