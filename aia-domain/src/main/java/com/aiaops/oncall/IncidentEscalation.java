package com.aiaops.oncall;

import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentService;
import com.aiaops.incident.IncidentState;
import com.aiaops.notification.Message;
import com.aiaops.notification.NotificationService;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Pages for an unacknowledged incident: the step of its escalation policy in force now pages its targets (a
 * schedule pages whoever is on call), once per step and round; acknowledging the incident stops it.
 */
@ApplicationScoped
public class IncidentEscalation {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    IncidentService incidents;

    @Inject
    EscalationService escalations;

    @Inject
    NotificationService notifications;

    @Inject
    Clock clock;

    @Transactional
    public void escalate(UUID incidentId) {
        Incident incident = incidents.forEscalation(incidentId);
        if (incident == null || incident.state() != IncidentState.TRIGGERED || incident.escalationPolicyId() == null) {
            return;
        }
        Instant now = clock.instant();
        EscalationPolicy policy = em.find(EscalationPolicy.class, incident.escalationPolicyId());
        if (policy == null) {
            incidents.recordPaging(incident, incident.stepsPaged(), null, "Escalation stopped: the policy was deleted");
            return;
        }
        EscalationPlan plan = policy.plan();
        EscalationPlan.Position position = plan.positionAt(incident.escalationStartedAt(), now);
        int reached = position.loop() * plan.steps().size() + position.stepIndex() + 1;
        if (reached <= incident.stepsPaged()) {
            incidents.recordPaging(incident, incident.stepsPaged(), position.nextEscalationAt(), null);
            return;
        }
        List<UUID> members = escalations.membersPaged(Caller.system(incident.organizationId()), position.targets(), now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incidentId", incident.id().toString());
        details.put("severity", incident.severity().name());
        details.put("triggeredAt", incident.triggeredAt().toString());
        details.put("step", position.stepIndex() + 1);
        details.put("round", position.loop() + 1);
        details.put("policy", policy.name());
        notifications.page(incident.organizationId(), members, new Message("incident.page",
                "[" + incident.severity() + "] " + incident.title() + " needs acknowledging", details, "incident", incident.id()));
        String who = members.isEmpty() ? "nobody (no one on call)" : members.stream().map(m -> "member " + m).collect(Collectors.joining(", "));
        incidents.recordPaging(incident, reached, position.nextEscalationAt(), "Paged step " + (position.stepIndex() + 1) + " of "
                + policy.name() + " (round " + (position.loop() + 1) + "): " + who);
    }
}
