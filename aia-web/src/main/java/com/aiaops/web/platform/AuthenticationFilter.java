package com.aiaops.web.platform;

import com.aiaops.shared.Ids;
import com.aiaops.tenancy.ApiKeyService;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.RateLimiter;
import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Role;
import com.aiaops.tenancy.SignInService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Establishes the caller (an API key in {@code Authorization: Bearer}, or a signed-in session), applies the
 * caller's rate limit, and checks the role the resource method asks for. Runs before the body is read, so an
 * unauthenticated or unauthorised request never gets as far as validation.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String DECISION = "aia.rateLimit";

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    SignInService signIn;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "aia.rate-limit.session-per-minute", defaultValue = "1200")
    int sessionRateLimitPerMinute;

    @Inject
    @ConfigProperty(name = "aia.rate-limit.inbound-per-minute", defaultValue = "6000")
    int inboundRateLimitPerMinute;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return; // no resource matched: the 404/405 answer needs no caller
        }
        OrganizationScope.leave(); // keys and sessions are looked up across organisations
        if (method.isAnnotationPresent(Inbound.class)) {
            // an integration's secret, checked where the body is at hand; a sender is held to its address's rate
            limitRate("inbound:" + servletRequest.getRemoteAddr(), inboundRateLimitPerMinute);
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            authenticateWithKey(authorization);
        } else {
            authenticateWithSession(request);
        }
        if (method.isAnnotationPresent(Public.class)) {
            return;
        }
        if (!currentCaller.present()) {
            throw new Unauthenticated("Authenticate with an API key (Authorization: Bearer ...) or sign in (POST /api/v1/sessions)");
        }
        List<Role> required = requiredRoles(method);
        if (required.stream().noneMatch(currentCaller.get().role()::grants)) {
            throw new com.aiaops.shared.AccessDeniedException("This endpoint needs the "
                    + required.stream().map(Role::name).collect(Collectors.joining(" or ")) + " role; the caller has "
                    + currentCaller.get().role());
        }
        OrganizationScope.enter(currentCaller.get().organizationId());
    }

    private void authenticateWithKey(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthenticated("Only Bearer API keys are accepted in the Authorization header");
        }
        ApiKeyService.AuthenticatedKey key = apiKeys.authenticate(authorization.substring(7).trim())
                .orElseThrow(() -> new Unauthenticated("The API key is unknown, revoked or expired"));
        limitRate("api-key:" + key.caller().actorId(), key.rateLimitPerMinute());
        currentCaller.set(key.caller());
    }

    private void authenticateWithSession(ContainerRequestContext request) {
        HttpSession session = servletRequest.getSession(false);
        if (session == null) {
            return;
        }
        Optional<UUID> account = Ids.tryParse((String) session.getAttribute(SessionKeys.ACCOUNT));
        Optional<UUID> organization = Ids.tryParse((String) session.getAttribute(SessionKeys.ORGANIZATION));
        if (account.isEmpty() || organization.isEmpty()) {
            return;
        }
        Optional<Caller> caller = signIn.callerFor(account.get(), organization.get());
        if (caller.isEmpty()) {
            session.invalidate(); // removed from the organisation, or erased, since signing in
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && request.getHeaderString("X-Requested-With") == null) {
            // Browsers cannot add this header to a cross-site request without CORS, which this API does not allow.
            throw new com.aiaops.shared.AccessDeniedException(
                    "Requests that change data with a browser session must carry the X-Requested-With header");
        }
        limitRate("member:" + caller.get().actorId(), sessionRateLimitPerMinute);
        currentCaller.set(caller.get());
    }

    private void limitRate(String bucket, int limitPerMinute) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire(bucket, limitPerMinute);
        servletRequest.setAttribute(DECISION, decision);
        if (!decision.allowed()) {
            throw new RateLimited(decision);
        }
    }

    private static List<Role> requiredRoles(Method method) {
        Access access = method.getAnnotation(Access.class);
        if (access == null) {
            access = method.getDeclaringClass().getAnnotation(Access.class);
        }
        return access == null ? List.of(Role.ADMIN) : List.of(access.value());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object decision = servletRequest.getAttribute(DECISION);
        if (decision instanceof RateLimiter.Decision d) {
            response.getHeaders().putSingle("RateLimit-Limit", d.limit());
            response.getHeaders().putSingle("RateLimit-Remaining", d.remaining());
            if (!d.allowed()) {
                response.getHeaders().putSingle("Retry-After", d.retryAfterSeconds());
            }
        }
    }
}
