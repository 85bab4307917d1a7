package com.aiaops.checks;

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
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Every node looks for due checks every 5 seconds; each due run is claimed in the database by a conditional
 * update, so exactly one node runs it, and the others carry on when a node dies. Runs go to the managed
 * executor, so a slow target never holds up the others, and in the check's organisation.
 */
@Singleton
public class CheckScheduler {
    private static final Logger LOG = Logger.getLogger(CheckScheduler.class);
    private static final int BATCH = 100;

    @Inject
    CheckRepository repository;

    @Inject
    CheckService checks;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    @Inject
    CheckClaims claims;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "synthetic check runs")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void runDueChecks() {
        Instant now = clock.instant();
        for (CheckRepository.Due due : claims.due(now, BATCH)) {
            if (!claims.claim(due, now)) {
                continue; // another node has it
            }
            try {
                executor.submit(() -> {
                    try {
                        OrganizationScope.within(due.organizationId(), () -> checks.run(due.id()));
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Check %s could not be run", due.id());
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warnf("Check %s skipped this round: the executor is saturated", due.id());
            }
        }
    }
}
