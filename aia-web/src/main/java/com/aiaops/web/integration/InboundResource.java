package com.aiaops.web.integration;

import com.aiaops.access.OrganizationScope;
import com.aiaops.alerting.ExternalAlertService.Applied;
import com.aiaops.alerting.ExternalAlertService.Event;
import com.aiaops.integration.AlertPayloads;
import com.aiaops.integration.DeploymentWebhooks;
import com.aiaops.shared.Ids;
import com.aiaops.integration.Integration;
import com.aiaops.integration.IntegrationInbound;
import com.aiaops.integration.IntegrationKind;
import com.aiaops.integration.IntegrationService;
import com.aiaops.shared.DomainException;
import com.aiaops.web.platform.Inbound;
import com.aiaops.web.platform.Unauthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What other tools call. Each endpoint takes the integration's secret the way its sender sends one; a wrong or missing
 * secret is a 401 problem and changes nothing. A refused payload is a 400 problem and the integration's last error.
 */
@Path("inbound")
@Tag(name = "Integrations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InboundResource {
    @Inject
    IntegrationService integrations;

    @Inject
    IntegrationInbound inbound;

    @Inject
    DeploymentWebhooks deploymentWebhooks;

    public record AlertsReceived(int received, List<Applied> alerts) {
    }

    @POST
    @Path("alertmanager")
    @Inbound
    @Operation(summary = "Prometheus Alertmanager's webhook (version 4), with the integration's secret as the bearer token")
    public AlertsReceived alertmanager(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return webhookAlerts(IntegrationKind.ALERTMANAGER, authorization, body);
    }

    @POST
    @Path("grafana")
    @Inbound
    @Operation(summary = "Grafana alerting's webhook contact point, with the integration's secret as the bearer token")
    public AlertsReceived grafana(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return webhookAlerts(IntegrationKind.GRAFANA, authorization, body); // Grafana's message has Alertmanager's alerts[]
    }

    private AlertsReceived webhookAlerts(IntegrationKind kind, String authorization, String body) {
        Integration integration = bearer(kind, authorization);
        return inIntegration(integration, () -> {
            List<Event> events = AlertPayloads.alertmanager(body);
            return new AlertsReceived(events.size(), inbound.alerts(integration.id(), events));
        });
    }

    @POST
    @Path("pagerduty/v2/enqueue")
    @Inbound
    @Operation(summary = "PagerDuty's Events API v2: trigger, acknowledge or resolve by dedup_key; the integration's secret is the routing_key")
    public Response pagerDuty(String body) {
        AlertPayloads.PagerDutyEvent event = AlertPayloads.pagerDuty(body);
        Integration integration = integrations.bySecret(IntegrationKind.PAGERDUTY, event.routingKey())
                .orElseThrow(() -> new Unauthenticated("The routing_key is not the secret of a PagerDuty integration"));
        return inIntegration(integration, () -> {
            inbound.alerts(integration.id(), List.of(event.event()));
            Map<String, String> answer = new LinkedHashMap<>(); // as PagerDuty answers
            answer.put("status", "success");
            answer.put("message", "Event processed");
            answer.put("dedup_key", event.event().fingerprint());
            return Response.accepted(answer).build();
        });
    }

    @POST
    @Path("github/{id}")
    @Inbound
    @Operation(summary = "GitHub webhooks (deployment_status, push; ping), signed with X-Hub-Signature-256 by the integration's secret")
    public DeploymentWebhooks.Outcome github(@PathParam("id") String id, @HeaderParam("X-Hub-Signature-256") String signature,
                                             @HeaderParam("X-GitHub-Event") String event, byte[] body) {
        Integration integration = Ids.tryParse(id).flatMap(integrationId -> integrations.byGitHubSignature(integrationId, body, signature))
                .orElseThrow(() -> new Unauthenticated("X-Hub-Signature-256 is not the HMAC-SHA256 of this body with the integration's secret"));
        return inIntegration(integration, () -> deploymentWebhooks.github(integration.id(), event, new String(body, StandardCharsets.UTF_8)));
    }

    @POST
    @Path("gitlab")
    @Inbound
    @Operation(summary = "GitLab webhooks (deployment, push), with the integration's secret in X-Gitlab-Token")
    public DeploymentWebhooks.Outcome gitlab(@HeaderParam("X-Gitlab-Token") String token, String body) {
        Integration integration = integrations.bySecret(IntegrationKind.GITLAB, token)
                .orElseThrow(() -> new Unauthenticated("X-Gitlab-Token is not the secret of a GitLab integration"));
        return inIntegration(integration, () -> deploymentWebhooks.gitlab(integration.id(), body));
    }

    private Integration bearer(IntegrationKind kind, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthenticated("Send the integration's secret as Authorization: Bearer <secret>");
        }
        return integrations.bySecret(kind, authorization.substring(7).trim())
                .orElseThrow(() -> new Unauthenticated("The secret is not that of a " + kind + " integration (removed, or rotated since?)"));
    }

    /** Serves the sender in its integration's organisation; a refusal becomes the integration's last error. */
    private <T> T inIntegration(Integration integration, Supplier<T> work) {
        OrganizationScope.enter(integration.organizationId());
        try {
            return work.get();
        } catch (DomainException e) {
            integrations.failed(integration.id(), e.getMessage());
            throw e;
        }
    }
}
