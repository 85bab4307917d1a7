package com.aiaops.alerting;

import com.aiaops.access.Caller;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentService;
import com.aiaops.incident.Severity;
import com.aiaops.maintenance.MaintenanceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alerts other tools send (Alertmanager, Grafana, PagerDuty's Events API), behaving as ours do: one alert per
 * fingerprint while it is open, muted under maintenance, a page opening or joining its service's incident through the
 * integration's escalation policy, acknowledged and resolved by the sender.
 */
@ApplicationScoped
public class ExternalAlertService {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    AlertService alerts;

    @Inject
    IncidentService incidents;

    @Inject
    MaintenanceService maintenance;

    @Inject
    ServiceRepository services;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The integration the events came through, and what it pages. */
    public record Source(UUID organizationId, UUID integrationId, String name, UUID serviceId, UUID escalationPolicyId,
                         boolean autoResolveIncidents) {
    }

    public enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }

    /** One alert's news: {@code title} names it (Alertmanager's alertname), {@code summary} says what is wrong. */
    public record Event(String fingerprint, Action action, String title, String summary, Severity severity, Urgency urgency) {
    }

    /** What an event did: fired, seen-again, acknowledged, resolved, or ignored (nothing open to acknowledge or resolve). */
    public record Applied(String fingerprint, UUID alertId, String outcome) {
    }

    /** Applies events in order; the caller holds its integration's lock, so one fingerprint never opens two alerts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Applied> apply(Source source, List<Event> events) {
        List<Applied> applied = new ArrayList<>(events.size());
        for (Event event : events) {
            applied.add(apply(source, event));
        }
        return applied;
    }

    private Applied apply(Source source, Event event) {
        Instant now = clock.instant();
        Caller system = Caller.system(source.organizationId());
        Optional<Alert> open = em.createQuery("select a from Alert a where a.integrationId = :integration and a.fingerprint = :fingerprint "
                        + "and a.state <> :resolved", Alert.class)
                .setParameter("integration", source.integrationId()).setParameter("fingerprint", event.fingerprint())
                .setParameter("resolved", AlertState.RESOLVED).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(1).getResultStream().findFirst();
        switch (event.action()) {
            case TRIGGER -> {
                Verdict verdict = new Verdict(true, null, event.title() + ": " + event.summary(), event.urgency(), event.severity());
                if (open.isPresent()) {
                    Alert alert = open.get();
                    boolean escalated = alert.seenAgain(verdict, now);
                    if (alert.mutedReason() != null && maintenance.activeAt(source.organizationId(), source.serviceId(), now).isEmpty()) {
                        alert.unmute();
                        audit.record(system, "alert.released", "alert", alert.id(), null, Map.of("at", now.toString()));
                        escalated = true;
                    }
                    if (escalated && alert.urgency() == Urgency.PAGE && alert.incidentId() == null && alert.mutedReason() == null) {
                        page(source, alert, event);
                    }
                    return new Applied(event.fingerprint(), alert.id(), "seen-again");
                }
                Alert alert = new Alert(source.organizationId(), source.integrationId(), source.name(), source.serviceId(),
                        event.fingerprint(), verdict, now);
                Optional<String> underMaintenance = maintenance.activeAt(source.organizationId(), source.serviceId(), now);
                underMaintenance.ifPresent(title -> alert.mute("under maintenance: " + title));
                em.persist(alert);
                audit.record(system, "alert.fired", "alert", alert.id(), null, Map.of("integration", source.name(),
                        "fingerprint", event.fingerprint(), "urgency", alert.urgency().name(), "summary", alert.summary()));
                if (alert.urgency() == Urgency.PAGE && underMaintenance.isEmpty()) {
                    page(source, alert, event);
                }
                return new Applied(event.fingerprint(), alert.id(), "fired");
            }
            case ACKNOWLEDGE -> {
                if (open.isEmpty() || open.get().state() != AlertState.FIRING) {
                    return new Applied(event.fingerprint(), open.map(Alert::id).orElse(null), "ignored");
                }
                Alert alert = open.get();
                alert.acknowledge(source.name(), now);
                audit.record(system, "alert.acknowledged", "alert", alert.id(), null, Map.of("by", source.name()));
                if (alert.incidentId() != null) {
                    incidents.acknowledgedThroughAlert(system, alert.incidentId(), source.name());
                }
                return new Applied(event.fingerprint(), alert.id(), "acknowledged");
            }
            default -> {
                if (open.isEmpty()) {
                    return new Applied(event.fingerprint(), null, "ignored");
                }
                Alert alert = open.get();
                alert.resolve(source.name(), now);
                audit.record(system, "alert.resolved", "alert", alert.id(), null, Map.of("by", source.name()));
                alerts.resolvedOnIncident(alert, "resolved by " + source.name(), source.autoResolveIncidents());
                return new Applied(event.fingerprint(), alert.id(), "resolved");
            }
        }
    }

    private void page(Source source, Alert alert, Event event) {
        String service = services.find(source.organizationId(), source.serviceId()).map(Service::displayName).orElse("a service");
        Incident incident = incidents.openOrJoinForAlert(source.organizationId(), source.serviceId(), event.title() + " on " + service,
                alert.suggestedSeverity(), source.escalationPolicyId(), source.name() + ": " + alert.summary());
        alert.joinIncident(incident.id());
    }
}
