package com.aiaops.web.alerting;

import com.aiaops.access.Caller;
import com.aiaops.alerting.AlertKind;
import com.aiaops.alerting.AlertRule;
import com.aiaops.alerting.AlertRules;
import com.aiaops.alerting.AlertService;
import com.aiaops.alerting.Urgency;
import com.aiaops.alerting.Verdict;
import com.aiaops.incident.Severity;
import com.aiaops.shared.Ids;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alert rules of the caller's organisation. */
@Path("alert-rules")
@Tag(name = "Alerting")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertRuleResource {
    @Inject
    AlertService alerts;

    @Inject
    AlertRules rules;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    public record DefineRuleRequest(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @NotNull AlertKind kind,
            UUID serviceId,
            UUID checkId,
            UUID sloId,
            @DecimalMin(value = "0", inclusive = false) @jakarta.validation.constraints.DecimalMax(value = "1", inclusive = false) Double quantile,
            @DecimalMin("0") @jakarta.validation.constraints.DecimalMax("3600000") Double threshold,
            @Min(1) @Max(1440) Integer windowMinutes,
            @Min(0) @Max(1_000_000_000_000L) Long minimumRequests,
            Urgency urgency,
            Severity incidentSeverity,
            @Size(max = 20) List<@NotNull UUID> channelIds,
            UUID escalationPolicyId,
            Boolean autoResolveIncident) {
    }

    public record RuleView(UUID id, String name, AlertKind kind, UUID serviceId, UUID checkId, UUID sloId, Double quantile,
                           Double threshold, int windowMinutes, long minimumRequests, Urgency urgency, Severity incidentSeverity,
                           List<UUID> channelIds, UUID escalationPolicyId, boolean autoResolveIncident, boolean enabled,
                           UUID openAlertId, Instant nextEvaluationAt, Instant createdAt) {
        static RuleView of(AlertRule r) {
            return new RuleView(r.id(), r.name(), r.kind(), r.serviceId(), r.checkId(), r.sloId(), r.quantile(), r.threshold(),
                    r.windowMinutes(), r.minimumRequests(), r.urgency(), r.incidentSeverity(), r.channels(), r.escalationPolicyId(),
                    r.autoResolvesIncident(), r.enabled(), r.openAlertId(), r.nextEvaluationAt(), r.createdAt());
        }

        /**
         * The last instant a rule's view stays true while the rule does not change: an enabled rule's next evaluation is
         * moved on by a claim (a bulk update, which renews nothing) once it is due, so only until then.
         */
        static Instant holdsUntil(AlertRule r) {
            return r.enabled() && r.nextEvaluationAt() != null ? r.nextEvaluationAt().minusNanos(1) : Instant.MAX;
        }
    }

    public record EvaluationView(boolean breaching, Double value, String summary, Urgency urgency, Severity suggestedSeverity,
                                 AlertResource.AlertView alert) {
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Define a rule: LATENCY (serviceId, quantile, threshold in ms), ERROR_RATE (serviceId, threshold as a "
            + "ratio), CHECK_DOWN (checkId) or BURN_RATE (sloId); windowMinutes (default 5) and minimumRequests (default 20) guard "
            + "threshold rules; urgency PAGE opens or joins an incident of incidentSeverity (default P2) under escalationPolicyId")
    public Response define(@Valid @NotNull DefineRuleRequest body) {
        AlertRule rule = rules.define(caller.get(), new AlertRule.Spec(body.name(), body.kind(), body.serviceId(), body.checkId(),
                body.sloId(), body.quantile(), body.threshold(), body.windowMinutes() == null ? 5 : body.windowMinutes(),
                body.minimumRequests() == null ? 20 : body.minimumRequests(), body.urgency() == null ? Urgency.PAGE : body.urgency(),
                body.incidentSeverity() == null ? Severity.P2 : body.incidentSeverity(),
                body.channelIds() == null ? List.of() : body.channelIds(), body.escalationPolicyId(),
                Boolean.TRUE.equals(body.autoResolveIncident())));
        return Response.created(URI.create("alert-rules/" + rule.id())).entity(RuleView.of(rule)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The organisation's alert rules by name")
    public Map<String, List<RuleView>> list() {
        Caller who = caller.get();
        return keptAnswers.mapUntil(who, AlertRule.class, "alert-rules", clock.instant(), () -> {
            List<AlertRule> all = rules.rules(who);
            Instant until = all.stream().map(RuleView::holdsUntil).min(Instant::compareTo).orElse(Instant.MAX);
            return new KeptAnswers.TrueUntil<>(Map.of("items", all.stream().map(RuleView::of).toList()), until);
        });
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One alert rule")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID ruleId = Ids.parse(id, "alert rule");
        return keptAnswers.one(who, AlertRule.class, ruleId, clock.instant(), () -> {
            AlertRule rule = rules.rule(who, ruleId);
            return new KeptAnswers.One(RuleView.of(rule), null, RuleView.holdsUntil(rule));
        });
    }

    @POST
    @Path("{id}/evaluations")
    @Access(Role.OPERATOR)
    @Operation(summary = "Evaluate the rule now (it is also evaluated every 30 s, once per cluster): what it saw and the alert it left open")
    public EvaluationView evaluate(@PathParam("id") String id) {
        AlertService.Evaluation evaluation = alerts.evaluateNow(caller.get(), Ids.parse(id, "alert rule"));
        Verdict v = evaluation.verdict();
        return new EvaluationView(v.breaching(), v.value(), v.summary(), v.urgency(), v.suggestedSeverity(),
                evaluation.alert() == null ? null : AlertResource.AlertView.of(evaluation.alert()));
    }

    @POST
    @Path("{id}/disable")
    @Access(Role.OPERATOR)
    @Operation(summary = "Stop evaluating the rule")
    public RuleView disable(@PathParam("id") String id) {
        return RuleView.of(rules.setEnabled(caller.get(), Ids.parse(id, "alert rule"), false));
    }

    @POST
    @Path("{id}/enable")
    @Access(Role.OPERATOR)
    @Operation(summary = "Evaluate the rule again, starting now")
    public RuleView enable(@PathParam("id") String id) {
        return RuleView.of(rules.setEnabled(caller.get(), Ids.parse(id, "alert rule"), true));
    }

    @DELETE
    @Path("{id}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Delete the rule; its alerts stay (an open one is resolved)")
    public Response delete(@PathParam("id") String id) {
        rules.delete(caller.get(), Ids.parse(id, "alert rule"));
        return Response.noContent().build();
    }
}
