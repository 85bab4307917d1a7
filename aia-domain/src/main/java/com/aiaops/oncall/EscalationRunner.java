package com.aiaops.oncall;

import com.aiaops.access.OrganizationScope;
import com.aiaops.incident.IncidentService;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every node looks for incidents whose escalation is due every 5 seconds and claims each in the database
 * before paging (in the incident's organisation), so a step pages once per cluster; a node that dies mid-way leaves it to another after the lease.
 */
@Singleton
public class EscalationRunner {
    private static final Logger LOG = Logger.getLogger(EscalationRunner.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    @Inject
    IncidentService incidents;

    @Inject
    IncidentEscalation escalation;

    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "incident escalation")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void escalateDue() {
        Instant now = clock.instant();
        for (IncidentService.DueEscalation due : incidents.dueEscalations(now, 100)) {
            UUID incidentId = due.incidentId();
            if (!incidents.claimEscalation(due, now.plus(LEASE))) {
                continue;
            }
            try {
                OrganizationScope.within(due.organizationId(), () -> escalation.escalate(incidentId));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Escalation of incident %s failed; it is retried after the lease", incidentId);
            }
        }
    }
}
