package com.aiaops.alerting;

import com.aiaops.access.OrganizationScope;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Every node looks for due rules every 5 seconds and claims each in the database before evaluating it, so a
 * rule is evaluated once per cluster per interval, and by another node when one dies. Finding and claiming is the
 * platform's work; the evaluation runs in the rule's organisation.
 */
@Singleton
public class AlertEvaluator {
    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);
    private static final int BATCH = 200;

    @Inject
    AlertService alerts;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "alert rule evaluation")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void evaluateDue() {
        Instant now = clock.instant();
        for (AlertService.DueRule due : alerts.due(now, BATCH)) {
            UUID ruleId = due.ruleId();
            if (!alerts.claim(ruleId, due.dueAt(), now)) {
                continue;
            }
            try {
                executor.submit(() -> {
                    try {
                        OrganizationScope.within(due.organizationId(), () -> alerts.evaluate(ruleId));
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Alert rule %s could not be evaluated; it will be at its next turn", ruleId);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warnf("Alert rule %s skipped this round: the executor is saturated", ruleId);
            }
        }
    }
}
