package com.aiaops.alerting;

import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Caller;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.checks.Check;
import com.aiaops.checks.CheckService;
import com.aiaops.incident.IncidentService;
import com.aiaops.notification.NotificationService;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.slo.SloRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alert rules of an organisation: defined (what they watch must be the organisation's), listed, enabled or disabled,
 * deleted. Their evaluation and the alerts they raise are {@link AlertService}'s.
 */
@ApplicationScoped
public class AlertRules {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    CheckService checks;

    @Inject
    SloRepository slos;

    @Inject
    NotificationService notifications;

    @Inject
    IncidentService incidents;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public AlertRule define(Caller caller, AlertRule.Spec spec) {
        spec.checkFields();
        UUID org = caller.organizationId();
        UUID serviceId = spec.serviceId();
        switch (spec.kind()) {
            case LATENCY, ERROR_RATE -> {
                if (serviceId == null || services.find(org, serviceId).isEmpty()) {
                    throw InvalidRequestException.ofField("validation-failed", "serviceId", "no such service in this organisation");
                }
            }
            case CHECK_DOWN -> {
                serviceId = checkOf(org, spec.checkId()).orElseThrow(() ->
                        InvalidRequestException.ofField("validation-failed", "checkId", "no such check in this organisation")).serviceId();
            }
            case BURN_RATE -> {
                serviceId = slos.find(org, spec.sloId()).orElseThrow(() ->
                        InvalidRequestException.ofField("validation-failed", "sloId", "no such SLO in this organisation")).serviceId();
            }
        }
        notifications.requireChannels(org, spec.channelIds());
        incidents.requireEscalationPolicy(org, spec.escalationPolicyId());
        if (!em.createQuery("select r.id from AlertRule r where r.organizationId = :org and r.name = :name", UUID.class)
                .setParameter("org", org).setParameter("name", spec.name()).getResultList().isEmpty()) {
            throw new ConflictException("name-taken", "An alert rule named '" + spec.name() + "' already exists");
        }
        AlertRule rule = new AlertRule(org, new AlertRule.Spec(spec.name(), spec.kind(), serviceId, spec.checkId(), spec.sloId(),
                spec.quantile(), spec.threshold(), spec.windowMinutes(), spec.minimumRequests(), spec.urgency(),
                spec.incidentSeverity(), spec.channelIds(), spec.escalationPolicyId(), spec.autoResolveIncident()), clock.instant());
        em.persist(rule);
        audit.record(caller, "alert-rule.defined", "alert-rule", rule.id(), null, Map.of("name", rule.name(), "kind", rule.kind().name()));
        return rule;
    }

    @Transactional
    public List<AlertRule> rules(Caller caller) {
        return OrganizationScope.read(em, caller.organizationId(), "select r from AlertRule r where r.organizationId = :organization order by r.name",
                AlertRule.class, query -> query.setMaxResults(1000).getResultList());
    }

    @Transactional
    public AlertRule rule(Caller caller, UUID id) {
        return find(caller.organizationId(), id);
    }

    @Transactional
    public AlertRule setEnabled(Caller caller, UUID id, boolean enabled) {
        AlertRule rule = find(caller.organizationId(), id);
        rule.enable(enabled, clock.instant());
        audit.record(caller, enabled ? "alert-rule.enabled" : "alert-rule.disabled", "alert-rule", id, null, null);
        return rule;
    }

    /** Deletes the rule; its alerts stay as history (an open one is resolved). */
    @Transactional
    public void delete(Caller caller, UUID id) {
        AlertRule rule = find(caller.organizationId(), id);
        if (rule.openAlertId() != null) {
            em.find(Alert.class, rule.openAlertId()).resolve(caller.auditActor() + " (rule deleted)", clock.instant());
        }
        audit.record(caller, "alert-rule.deleted", "alert-rule", id, Map.of("name", rule.name()), null);
        em.remove(rule);
    }

    /** The check an alert rule watches, if it still exists. */
    Optional<Check> checkOf(UUID organizationId, UUID checkId) {
        try {
            return Optional.of(checks.get(Caller.system(organizationId), checkId));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The organisation's rule, or 404. */
    AlertRule find(UUID organizationId, UUID id) {
        return em.createQuery("select r from AlertRule r where r.organizationId = :org and r.id = :id", AlertRule.class)
                .setParameter("org", organizationId).setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("alert rule", id));
    }
}
