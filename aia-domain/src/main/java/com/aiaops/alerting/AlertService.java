package com.aiaops.alerting;

import com.aiaops.access.OrganizationScope;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentService;
import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.notification.Message;
import com.aiaops.notification.NotificationService;
import com.aiaops.shared.NotFoundException;
import com.aiaops.slo.SloRepository;
import com.aiaops.slo.SloService;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Alert rules, their evaluation, and the alerts they raise: who is told, and which incident a page opens or joins. */
@ApplicationScoped
public class AlertService {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    SloRepository slos;

    @Inject
    SloService sloService;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    NotificationService notifications;

    @Inject
    IncidentService incidents;

    @Inject
    MaintenanceService maintenance;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    AlertRules rules;

    /** Evaluates a rule now, as the scheduler would, and returns what it saw and the alert it left open (if any). */
    @Transactional
    public Evaluation evaluateNow(Caller caller, UUID ruleId) {
        // Checked without loading the rule: evaluate() must be the first to read it, under its lock, or a scheduled
        // evaluation committed in between would make this one's copy stale.
        if (em.createQuery("select r.id from AlertRule r where r.id = :id", UUID.class)
                .setParameter("id", ruleId).getResultList().isEmpty()) {
            throw new NotFoundException("alert rule", ruleId);
        }
        return evaluate(ruleId);
    }

    public record Evaluation(Verdict verdict, Alert alert) {
    }

    /**
     * One evaluation, with the rule locked so that two nodes (or a node and a person) never raise two alerts:
     * a breach raises an alert or is counted on the open one; a clear condition resolves the open one.
     */
    @Transactional
    public Evaluation evaluate(UUID ruleId) {
        AlertRule rule = em.find(AlertRule.class, ruleId, LockModeType.PESSIMISTIC_WRITE);
        if (rule == null) {
            return new Evaluation(Verdict.clear(null, "the rule was deleted"), null);
        }
        Instant now = clock.instant();
        Verdict verdict = verdictOf(rule, now);
        Alert open = rule.openAlertId() == null ? null : em.find(Alert.class, rule.openAlertId());
        if (open != null && !open.state().open()) { // resolved by hand since
            rule.closed();
            open = null;
        }
        if (verdict.breaching() && open == null) {
            return new Evaluation(verdict, fire(rule, verdict, now));
        }
        if (verdict.breaching()) {
            boolean escalated = open.seenAgain(verdict, now);
            if (open.mutedReason() != null && maintenance.activeAt(rule.organizationId(), rule.serviceId(), now).isEmpty()) {
                release(rule, open, now);
            } else if (escalated) {
                tell(rule, open, "alert.escalated", "now pages");
                if (open.incidentId() == null && open.mutedReason() == null) {
                    page(rule, open);
                }
            }
            return new Evaluation(verdict, open);
        }
        if (open != null) {
            open.resolve("condition cleared", now);
            rule.closed();
            tell(rule, open, "alert.resolved", "resolved: " + verdict.summary());
            audit.record(Caller.system(rule.organizationId()), "alert.resolved", "alert", open.id(), null, Map.of("by", "condition cleared"));
            resolvedOnIncident(open, "cleared: " + verdict.summary(), rule.autoResolvesIncident());
        }
        return new Evaluation(verdict, open);
    }

    /**
     * The maintenance window that muted the alert when it fired is over and the condition still holds: it is told and
     * pages now, and its incident's timeline says it was held back until now.
     */
    private void release(AlertRule rule, Alert alert, Instant now) {
        String heldBy = alert.mutedReason();
        alert.unmute();
        audit.record(Caller.system(rule.organizationId()), "alert.released", "alert", alert.id(), Map.of("muted", heldBy),
                Map.of("at", now.toString()));
        if (alert.urgency() == Urgency.PAGE && alert.incidentId() == null) {
            page(rule, alert);
        }
        if (alert.incidentId() != null) {
            incidents.alertEvent(alert.incidentId(), "Alert " + rule.name() + " was held back (" + heldBy + ") from " + alert.firedAt()
                    + " until " + now + "; the condition still holds, so it pages now");
        }
        tell(rule, alert, "alert.firing", "still breaching after maintenance: " + alert.summary());
    }

    /** An alert of an incident resolved: the timeline says so, and when it was the last one, the incident may resolve. */
    void resolvedOnIncident(Alert alert, String how, boolean autoResolve) {
        if (alert.incidentId() == null) {
            return;
        }
        incidents.alertEvent(alert.incidentId(), "Alert " + alert.ruleName() + " resolved (" + how + ")");
        long stillOpen = em.createQuery("select count(a) from Alert a where a.incidentId = :incident and a.state <> :resolved", Long.class)
                .setParameter("incident", alert.incidentId()).setParameter("resolved", AlertState.RESOLVED).getSingleResult();
        if (stillOpen == 0) {
            incidents.alertsCleared(alert.incidentId(), alert.ruleName(), autoResolve);
        }
    }

    private Alert fire(AlertRule rule, Verdict verdict, Instant now) {
        Alert alert = new Alert(rule, verdict, now);
        Optional<String> underMaintenance = maintenance.activeAt(rule.organizationId(), rule.serviceId(), now);
        underMaintenance.ifPresent(title -> alert.mute("under maintenance: " + title));
        em.persist(alert);
        rule.opened(alert);
        audit.record(Caller.system(rule.organizationId()), "alert.fired", "alert", alert.id(), null,
                Map.of("rule", rule.name(), "urgency", alert.urgency().name(), "summary", alert.summary()));
        if (alert.urgency() == Urgency.PAGE && underMaintenance.isEmpty()) {
            page(rule, alert);
        }
        tell(rule, alert, "alert.firing", verdict.summary());
        return alert;
    }

    /** A paging alert opens the incident of its service or joins the one already open. */
    private void page(AlertRule rule, Alert alert) {
        String service = services.find(rule.organizationId(), rule.serviceId()).map(Service::displayName).orElse("a service");
        Incident incident = incidents.openOrJoinForAlert(rule.organizationId(), rule.serviceId(),
                rule.name() + " on " + service, alert.suggestedSeverity(), rule.escalationPolicyId(), rule.name() + ": " + alert.summary());
        alert.joinIncident(incident.id());
    }

    private void tell(AlertRule rule, Alert alert, String event, String what) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alertId", alert.id().toString());
        details.put("rule", rule.name());
        details.put("kind", rule.kind().name());
        details.put("serviceId", rule.serviceId().toString());
        details.put("state", alert.state().name());
        details.put("urgency", alert.urgency().name());
        details.put("suggestedSeverity", alert.suggestedSeverity().name());
        details.put("firedAt", alert.firedAt().toString());
        if (alert.incidentId() != null) {
            details.put("incidentId", alert.incidentId().toString());
        }
        Message message = new Message(event, "[" + alert.urgency() + "] " + rule.name() + " " + what, details, "alert", alert.id());
        notifications.notify(rule.organizationId(), rule.channels(), message, alert.mutedReason());
    }

    private Verdict verdictOf(AlertRule rule, Instant now) {
        Caller system = Caller.system(rule.organizationId());
        String window = rule.windowMinutes() + "m";
        return switch (rule.kind()) {
            case LATENCY -> {
                TelemetryQuery.Summary summary = telemetry.summary(system, rule.serviceId(), now.minus(rule.window()), now,
                        List.of(rule.quantile()));
                String label = summary.latencyMs().keySet().stream().findFirst().orElse("p" + rule.quantile() * 100);
                yield Conditions.latency(label, summary.latencyMs().get(label), summary.requests(), rule.threshold(),
                        rule.minimumRequests(), window, rule.urgency(), rule.incidentSeverity());
            }
            case ERROR_RATE -> {
                TelemetryQuery.Summary summary = telemetry.summary(system, rule.serviceId(), now.minus(rule.window()), now, List.of());
                yield Conditions.errorRate(summary.requests(), summary.goodRequests(), rule.threshold(), rule.minimumRequests(),
                        window, rule.urgency(), rule.incidentSeverity());
            }
            case CHECK_DOWN -> rules.checkOf(rule.organizationId(), rule.checkId())
                    .map(c -> Conditions.checkDown(c.name(), c.status(), c.lastError(), rule.urgency(), rule.incidentSeverity()))
                    .orElseGet(() -> Verdict.clear(null, "the check was deleted"));
            case BURN_RATE -> slos.find(rule.organizationId(), rule.sloId())
                    .map(slo -> Conditions.burnRate(slo.name(), sloService.status(slo)))
                    .orElseGet(() -> Verdict.clear(null, "the SLO was deleted"));
            case EXTERNAL -> Verdict.clear(null, "an external alert has no rule to evaluate");
        };
    }

    // Alerts

    @Transactional
    public List<Alert> alerts(Caller caller, AlertState state, UUID ruleId, UUID incidentId, int max) {
        StringBuilder jpql = new StringBuilder("select a from Alert a where a.organizationId = :organization");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (state != null) {
            jpql.append(" and a.state = :state");
            parameters.put("state", state);
        }
        if (ruleId != null) {
            jpql.append(" and a.ruleId = :rule");
            parameters.put("rule", ruleId);
        }
        if (incidentId != null) {
            jpql.append(" and a.incidentId = :incident");
            parameters.put("incident", incidentId);
        }
        return OrganizationScope.read(em, caller.organizationId(), jpql.append(" order by a.id desc").toString(), Alert.class, query -> {
            parameters.forEach(query::setParameter);
            return query.setMaxResults(max).getResultList();
        });
    }

    @Transactional
    public Alert alert(Caller caller, UUID id) {
        return findAlert(caller.organizationId(), id);
    }

    /** Someone has it: the alert stays open (and de-duplicates) but is no longer FIRING. */
    @Transactional
    public Alert acknowledge(Caller caller, UUID id) {
        Alert alert = lockedAlert(caller.organizationId(), id);
        alert.acknowledge(caller.auditActor(), clock.instant());
        audit.record(caller, "alert.acknowledged", "alert", id, null, null);
        if (alert.ruleId() != null) { // an external alert's sender is not told back
            tell(rules.find(caller.organizationId(), alert.ruleId()), alert, "alert.acknowledged", "acknowledged");
        }
        if (alert.incidentId() != null) {
            incidents.acknowledgedThroughAlert(caller, alert.incidentId(), alert.ruleName());
        }
        return alert;
    }

    /** Resolves by hand; if the condition still holds at the next evaluation, a new alert fires. */
    @Transactional
    public Alert resolve(Caller caller, UUID id) {
        Alert alert = lockedAlert(caller.organizationId(), id);
        alert.resolve(caller.auditActor(), clock.instant());
        audit.record(caller, "alert.resolved", "alert", id, null, Map.of("by", caller.auditActor()));
        Optional<AlertRule> rule = alert.ruleId() == null ? Optional.empty()
                : em.createQuery("select r from AlertRule r where r.id = :id", AlertRule.class)
                .setParameter("id", alert.ruleId()).getResultStream().findFirst();
        rule.filter(r -> id.equals(r.openAlertId())).ifPresent(r -> {
            r.closed();
            tell(r, alert, "alert.resolved", "resolved by hand");
        });
        resolvedOnIncident(alert, "by " + caller.auditActor(), rule.map(AlertRule::autoResolvesIncident).orElse(false));
        return alert;
    }

    /** Open alerts of a service, for the status page. */
    @Transactional
    public List<Alert> openAlerts(UUID organizationId) {
        return em.createQuery("select a from Alert a where a.organizationId = :org and a.state <> :resolved", Alert.class)
                .setParameter("org", organizationId).setParameter("resolved", AlertState.RESOLVED).setMaxResults(1000).getResultList();
    }

    /**
     * The alert, read after taking its rule's lock: a person acknowledging or resolving it waits for an evaluation
     * under way instead of failing on its change.
     */
    private Alert lockedAlert(UUID organizationId, UUID id) {
        UUID ruleId = em.createQuery("select a.ruleId from Alert a where a.organizationId = :org and a.id = :id", UUID.class)
                .setParameter("org", organizationId).setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("alert", id));
        if (ruleId != null) {
            em.find(AlertRule.class, ruleId, LockModeType.PESSIMISTIC_WRITE); // null once the rule is deleted: nothing to wait for
            return em.find(Alert.class, id);
        }
        return em.find(Alert.class, id, LockModeType.PESSIMISTIC_WRITE); // an external alert: its sender's events take this lock

    }

    private Alert findAlert(UUID organizationId, UUID id) {
        return OrganizationScope.read(em, organizationId, "select a from Alert a where a.organizationId = :organization and a.id = :id",
                        Alert.class, query -> query.setParameter("id", id).getResultStream().findFirst())
                .orElseThrow(() -> new NotFoundException("alert", id));
    }

    /** A rule due for evaluation, and the due time its claim must still find. */
    public record DueRule(UUID organizationId, UUID ruleId, Instant dueAt) {
    }

    /** Rules due for evaluation (the scheduler claims each before evaluating it). */
    @Transactional
    public List<DueRule> due(Instant now, int max) {
        return em.createQuery("select r.organizationId, r.id, r.nextEvaluationAt from AlertRule r where r.enabled = true and r.nextEvaluationAt <= :now "
                        + "order by r.nextEvaluationAt", Object[].class)
                .setParameter("now", now).setMaxResults(max).getResultStream()
                .map(row -> new DueRule((UUID) row[0], (UUID) row[1], (Instant) row[2])).toList();
    }

    /** Claims a due evaluation for this node: the conditional update succeeds on one node only. */
    @Transactional
    public boolean claim(UUID ruleId, Instant seen, Instant now) {
        return em.createQuery("update AlertRule r set r.nextEvaluationAt = :next where r.id = :id and r.nextEvaluationAt = :seen "
                        + "and r.enabled = true")
                .setParameter("next", now.plus(AlertRule.EVALUATION_INTERVAL)).setParameter("id", ruleId).setParameter("seen", seen)
                .executeUpdate() == 1;
    }
}
