package com.aiaops.integration;

import com.aiaops.alerting.ExternalAlertService;
import com.aiaops.alerting.ExternalAlertService.Applied;
import com.aiaops.alerting.ExternalAlertService.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Applies what an authenticated sender sent, in the integration's organisation, and remembers it as its last event. */
@ApplicationScoped
public class IntegrationInbound {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ExternalAlertService externalAlerts;

    @Inject
    Clock clock;

    /** Alert events, in order; the integration's lock makes one sender's deliveries apply one after the other. */
    @Transactional
    public List<Applied> alerts(UUID integrationId, List<Event> events) {
        Integration integration = em.find(Integration.class, integrationId, LockModeType.PESSIMISTIC_WRITE);
        ExternalAlertService.Source source = new ExternalAlertService.Source(integration.organizationId(), integration.id(),
                integration.name(), integration.serviceId(), integration.escalationPolicyId(), integration.autoResolveIncidents());
        List<Applied> applied = externalAlerts.apply(source, events);
        Map<String, Long> outcomes = new TreeMap<>(applied.stream().collect(Collectors.groupingBy(Applied::outcome, Collectors.counting())));
        integration.received(events.size() + " alert event(s): " + outcomes.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")), clock.instant());
        return applied;
    }
}
