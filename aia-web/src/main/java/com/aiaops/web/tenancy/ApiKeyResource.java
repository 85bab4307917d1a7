package com.aiaops.web.tenancy;

import com.aiaops.shared.Ids;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.tenancy.ApiKeyService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys of the caller's organisation. ADMIN only; the token appears once, in the answer that issues it. */
@Path("api-keys")
@Access(Role.ADMIN)
@Tag(name = "Tenancy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    @Inject
    ApiKeyService apiKeys;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    public record IssueRequest(@NotBlank @Size(max = 100) String name, @NotNull Role scope, Instant expiresAt,
                               @Min(1) @Max(1_000_000) Integer rateLimitPerMinute) {
    }

    public record RotateRequest(@Min(0) @Max(604_800) Long gracePeriodSeconds) {
    }

    @GET
    @Operation(summary = "API keys (never their tokens), in pages")
    public Page<TenancyViews.ApiKeyView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Instant now = clock.instant();
        return apiKeys.list(caller.get(), PageRequest.of(cursor, limit)).map(k -> TenancyViews.ApiKeyView.of(k, now));
    }

    @POST
    @Operation(summary = "Issue a key scoped to a role or to INGEST; the token is in this answer only")
    public Response issue(@Valid @NotNull IssueRequest body) {
        ApiKeyService.IssuedKey issued = apiKeys.issue(caller.get(), body.name(), body.scope(), body.expiresAt(),
                body.rateLimitPerMinute());
        return Response.created(URI.create("api-keys/" + issued.key().id()))
                .entity(new TenancyViews.IssuedApiKeyView(TenancyViews.ApiKeyView.of(issued.key(), clock.instant()), issued.token()))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One API key")
    public TenancyViews.ApiKeyView get(@PathParam("id") String id) {
        return TenancyViews.ApiKeyView.of(apiKeys.get(caller.get(), Ids.parse(id, "API key")), clock.instant());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key: it stops working at once")
    public Response revoke(@PathParam("id") String id) {
        apiKeys.revoke(caller.get(), Ids.parse(id, "API key"));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotation")
    @Operation(summary = "Rotate: a new token with the same settings; the old one works for the grace period (default 0 s)")
    public Response rotate(@PathParam("id") String id, @Valid RotateRequest body) {
        long grace = body == null || body.gracePeriodSeconds() == null ? 0 : body.gracePeriodSeconds();
        ApiKeyService.IssuedKey issued = apiKeys.rotate(caller.get(), Ids.parse(id, "API key"), Duration.ofSeconds(grace));
        return Response.created(URI.create("api-keys/" + issued.key().id()))
                .entity(new TenancyViews.IssuedApiKeyView(TenancyViews.ApiKeyView.of(issued.key(), clock.instant()), issued.token()))
                .build();
    }
}
