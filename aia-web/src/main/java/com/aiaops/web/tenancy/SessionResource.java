package com.aiaops.web.tenancy;

import com.aiaops.shared.NotFoundException;
import com.aiaops.tenancy.Account;
import com.aiaops.tenancy.OrganizationService;
import com.aiaops.tenancy.RateLimiter;
import com.aiaops.access.Role;
import com.aiaops.tenancy.SignInService;
import com.aiaops.tenancy.TenancyRepository;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.Public;
import com.aiaops.web.platform.RateLimited;
import com.aiaops.web.platform.SessionKeys;
import com.aiaops.web.platform.Unauthenticated;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Browser sessions: sign in with e-mail and password, see who you are, switch organisation, sign out. */
@Path("sessions")
@RequestScoped
@Tag(name = "Tenancy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private static final int SIGN_IN_ATTEMPTS_PER_MINUTE = 10;

    @Inject
    SignInService signIn;

    @Inject
    OrganizationService organizations;

    @Inject
    TenancyRepository tenancy;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    CurrentCaller caller;

    @Context
    HttpServletRequest request;

    public record SignInRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password,
                                UUID organizationId) {
    }

    public record SwitchRequest(@NotNull UUID organizationId) {
    }

    public record PasswordChange(@NotNull @Size(max = 128) String currentPassword,
                                 @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String newPassword) {
    }

    @POST
    @Public
    @Operation(summary = "Sign in with e-mail and password; the session cookie then authenticates the browser")
    public Response signIn(@Valid @NotNull SignInRequest body) {
        countPasswordAttempt(body.email());
        Account account = signIn.verifyPassword(body.email(), body.password())
                .orElseThrow(() -> new Unauthenticated("E-mail or password is wrong"));
        List<OrganizationService.Membership> memberships = organizations.membershipsOf(account.id());
        if (memberships.isEmpty()) {
            throw new Unauthenticated("This account is not a member of any organisation");
        }
        UUID organization = body.organizationId() != null ? body.organizationId()
                : memberships.get(0).organization().id();
        TenancyViews.SessionView session = start(request, account.id(), organization);
        signIn.signedIn(account.id(), organization, request.getRemoteAddr());
        return Response.status(Response.Status.CREATED).entity(session).build();
    }

    @GET
    @Path("current")
    @Access(Role.VIEWER)
    @Operation(summary = "The signed-in account, its current organisation and all its memberships")
    public TenancyViews.SessionView current() {
        HttpSession session = request.getSession(false);
        if (session == null || caller.get().kind() != com.aiaops.access.Caller.ActorKind.MEMBER) {
            throw new NotFoundException("session", "current");
        }
        return view(UUID.fromString((String) session.getAttribute(SessionKeys.ACCOUNT)), caller.get().organizationId());
    }

    @PUT
    @Path("current")
    @Access(Role.VIEWER)
    @Operation(summary = "Switch the session to another organisation the account is a member of")
    public TenancyViews.SessionView switchOrganization(@Valid @NotNull SwitchRequest body) {
        HttpSession session = request.getSession(false);
        if (session == null || caller.get().kind() != com.aiaops.access.Caller.ActorKind.MEMBER) {
            throw new NotFoundException("session", "current");
        }
        UUID account = UUID.fromString((String) session.getAttribute(SessionKeys.ACCOUNT));
        if (signIn.callerFor(account, body.organizationId()).isEmpty()) {
            throw new NotFoundException("organization", body.organizationId());
        }
        session.setAttribute(SessionKeys.ORGANIZATION, body.organizationId().toString());
        return view(account, body.organizationId());
    }

    @PUT
    @Path("current/password")
    @Access(Role.VIEWER)
    @Operation(summary = "Change your own password (needs the current one)")
    public Response changePassword(@Valid @NotNull PasswordChange body) {
        HttpSession session = request.getSession(false);
        if (session == null || caller.get().kind() != com.aiaops.access.Caller.ActorKind.MEMBER) {
            throw new NotFoundException("session", "current");
        }
        signIn.changePassword(caller.get(), UUID.fromString((String) session.getAttribute(SessionKeys.ACCOUNT)),
                body.currentPassword(), body.newPassword());
        return Response.noContent().build();
    }

    @DELETE
    @Path("current")
    @Public
    @Operation(summary = "Sign out")
    public Response signOut() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Response.noContent().build();
    }

    /** Counts a password tried for an account, wherever it is tried: over the limit, a 429. */
    void countPasswordAttempt(String email) {
        RateLimiter.Decision attempts = rateLimiter.tryAcquire("sign-in:" + Account.normalizeEmail(email), SIGN_IN_ATTEMPTS_PER_MINUTE);
        if (!attempts.allowed()) {
            throw new RateLimited(attempts);
        }
    }

    /** Starts a fresh session (never reusing a pre-login session id) for an account acting in an organisation. */
    TenancyViews.SessionView start(HttpServletRequest httpRequest, UUID accountId, UUID organizationId) {
        if (signIn.callerFor(accountId, organizationId).isEmpty()) {
            throw new NotFoundException("organization", organizationId);
        }
        HttpSession old = httpRequest.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = httpRequest.getSession(true);
        session.setAttribute(SessionKeys.ACCOUNT, accountId.toString());
        session.setAttribute(SessionKeys.ORGANIZATION, organizationId.toString());
        return view(accountId, organizationId);
    }

    private TenancyViews.SessionView view(UUID accountId, UUID organizationId) {
        List<TenancyViews.MembershipView> memberships = organizations.membershipsOf(accountId).stream()
                .map(TenancyViews.MembershipView::of).toList();
        TenancyViews.MembershipView current = memberships.stream()
                .filter(m -> m.organizationId().equals(organizationId)).findFirst()
                .orElseThrow(() -> new NotFoundException("organization", organizationId));
        Account account = tenancy.membershipsOf(accountId).get(0).account();
        return new TenancyViews.SessionView(TenancyViews.AccountView.of(account), current, memberships);
    }
}
