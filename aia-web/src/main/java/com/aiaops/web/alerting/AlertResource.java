package com.aiaops.web.alerting;

import com.aiaops.alerting.Alert;
import com.aiaops.alerting.AlertKind;
import com.aiaops.alerting.AlertService;
import com.aiaops.alerting.AlertState;
import com.aiaops.alerting.Urgency;
import com.aiaops.incident.Severity;
import com.aiaops.shared.Ids;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import com.aiaops.web.platform.QueryParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts of the caller's organisation: list, acknowledge, resolve. */
@Path("alerts")
@Tag(name = "Alerting")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    @Inject
    AlertService alerts;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    public record AlertView(UUID id, UUID ruleId, String ruleName, AlertKind kind, UUID serviceId, AlertState state, Urgency urgency,
                            Severity suggestedSeverity, String summary, Double lastValue, long occurrences, Instant firedAt,
                            Instant lastSeenAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
                            String mutedReason, UUID incidentId, UUID integrationId, String fingerprint) {
        public static AlertView of(Alert a) {
            return new AlertView(a.id(), a.ruleId(), a.ruleName(), a.kind(), a.serviceId(), a.state(), a.urgency(), a.suggestedSeverity(),
                    a.summary(), a.lastValue(), a.occurrences(), a.firedAt(), a.lastSeenAt(), a.acknowledgedAt(), a.acknowledgedBy(),
                    a.resolvedAt(), a.resolvedBy(), a.mutedReason(), a.incidentId(), a.integrationId(), a.fingerprint());
        }
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Alerts, newest first (at most 500), by state (FIRING, ACKNOWLEDGED, RESOLVED), rule or incident")
    public Map<String, List<AlertView>> list(@QueryParam("state") String state, @QueryParam("ruleId") String ruleId,
                                             @QueryParam("incidentId") String incidentId) {
        Caller who = caller.get();
        AlertState inState = QueryParameters.oneOf("state", state, AlertState.class, null);
        UUID rule = QueryParameters.optionalId("ruleId", ruleId);
        UUID incident = QueryParameters.optionalId("incidentId", incidentId);
        return keptAnswers.map(who, Alert.class, "alerts|" + inState + "|" + rule + "|" + incident,
                () -> Map.of("items", alerts.alerts(who, inState, rule, incident, 500).stream().map(AlertView::of).toList()));
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One alert")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.class)))
    public Response get(@PathParam("id") String id) {
        return keptAnswers.one(caller.get(), Alert.class, id, "alert", (who, alertId) -> AlertView.of(alerts.alert(who, alertId)));
    }

    @POST
    @Path("{id}/acknowledge")
    @Access(Role.OPERATOR)
    @Operation(summary = "Acknowledge a FIRING alert (409 otherwise); it stays open and keeps de-duplicating")
    public AlertView acknowledge(@PathParam("id") String id) {
        return AlertView.of(alerts.acknowledge(caller.get(), Ids.parse(id, "alert")));
    }

    @POST
    @Path("{id}/resolve")
    @Access(Role.OPERATOR)
    @Operation(summary = "Resolve an open alert by hand (409 if already resolved); a condition still holding fires a new one")
    public AlertView resolve(@PathParam("id") String id) {
        return AlertView.of(alerts.resolve(caller.get(), Ids.parse(id, "alert")));
    }
}
