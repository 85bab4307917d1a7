package com.aiaops.web.integration;

import com.aiaops.access.Role;
import com.aiaops.integration.Integration;
import com.aiaops.integration.IntegrationKind;
import com.aiaops.integration.IntegrationService;
import com.aiaops.shared.Ids;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

/** The organisation's integrations. The secret is in the answer to creation and rotation only. */
@Path("integrations")
@Tag(name = "Integrations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {
    @Inject
    IntegrationService integrations;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uri;

    public record CreateIntegrationRequest(
            @NotNull IntegrationKind kind,
            @NotBlank @Size(max = 63) String name,
            @NotNull UUID serviceId,
            UUID escalationPolicyId,
            Boolean autoResolveIncidents,
            @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+", message = "owner/name (GitHub) or group/project (GitLab)")
            String repository,
            @Size(max = 20) List<@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._ -]+") String> environments) {
    }

    public record IntegrationView(UUID id, IntegrationKind kind, String name, UUID serviceId, UUID escalationPolicyId,
                                  boolean autoResolveIncidents, String repository, List<String> environments, Instant createdAt,
                                  Instant secretRotatedAt, Instant lastEventAt, String lastEvent, Instant lastErrorAt, String lastError,
                                  String endpoint) {
    }

    /** The view, the secret (this once) and what to set on the sender's side. */
    public record IntegrationWithSecret(IntegrationView integration, String secret, Map<String, String> senderConfiguration) {
    }

    @POST
    @Access(Role.ADMIN)
    @Operation(summary = "Create an integration of a service; the answer holds its secret (shown once) and the sender's configuration")
    public Response create(@Valid @NotNull CreateIntegrationRequest body) {
        IntegrationService.WithSecret created = integrations.create(caller.get(), new IntegrationService.Spec(body.kind(), body.name(),
                body.serviceId(), body.escalationPolicyId(), body.autoResolveIncidents(), body.repository(), body.environments()));
        return Response.created(URI.create("integrations/" + created.integration().id())).entity(withSecret(created)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The integrations, each with its last event and last error")
    public Map<String, List<IntegrationView>> list() {
        return Map.of("items", integrations.list(caller.get()).stream().map(this::view).toList());
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One integration, with its last event and last error")
    public IntegrationView get(@PathParam("id") String id) {
        return view(integrations.get(caller.get(), Ids.parse(id, "integration")));
    }

    @POST
    @Path("{id}/secret")
    @Access(Role.ADMIN)
    @Operation(summary = "Rotate the secret: the old one is refused from now on; the answer holds the new one (shown once)")
    public IntegrationWithSecret rotate(@PathParam("id") String id) {
        return withSecret(integrations.rotate(caller.get(), Ids.parse(id, "integration")));
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Remove an integration: its sender is refused from now on")
    public Response remove(@PathParam("id") String id) {
        integrations.remove(caller.get(), Ids.parse(id, "integration"));
        return Response.noContent().build();
    }

    private IntegrationView view(Integration i) {
        return new IntegrationView(i.id(), i.kind(), i.name(), i.serviceId(), i.escalationPolicyId(), i.autoResolveIncidents(),
                i.repository(), i.environments(), i.createdAt(), i.secretRotatedAt(), i.lastEventAt(), i.lastEvent(), i.lastErrorAt(),
                i.lastError(), endpoint(i));
    }

    private String endpoint(Integration i) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        return switch (i.kind()) {
            case ALERTMANAGER -> base + "/inbound/alertmanager";
            case GRAFANA -> base + "/inbound/grafana";
            case PAGERDUTY -> base + "/inbound/pagerduty/v2/enqueue";
            case GITHUB -> base + "/inbound/github/" + i.id();
            case GITLAB -> base + "/inbound/gitlab";
        };
    }

    private IntegrationWithSecret withSecret(IntegrationService.WithSecret created) {
        Integration i = created.integration();
        String url = endpoint(i);
        String secret = created.secret();
        Map<String, String> sender = switch (i.kind()) {
            case ALERTMANAGER -> Map.of("alertmanager.yml", """
                    receivers:
                      - name: aia-ops
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                            http_config:
                              authorization:
                                credentials: %s
                    """.formatted(url, secret));
            case GRAFANA -> Map.of("contact point", "Webhook; URL " + url + "; HTTP method POST; Authorization header scheme Bearer, "
                    + "credentials " + secret);
            case PAGERDUTY -> Map.of("events API v2", "POST " + url + " with \"routing_key\": \"" + secret + "\" (any tool that pages "
                    + "PagerDuty through a configurable events URL)");
            case GITHUB -> Map.of("webhook", "Payload URL " + url + "; Content type application/json; Secret " + secret
                    + "; events: Deployment statuses, Pushes (Workflow runs optional)");
            case GITLAB -> Map.of("webhook", "URL " + url + "; Secret token " + secret + "; triggers: Deployment events, Push events");
        };
        return new IntegrationWithSecret(view(i), secret, sender);
    }
}
