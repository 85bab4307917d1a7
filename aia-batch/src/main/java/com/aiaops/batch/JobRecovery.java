package com.aiaops.batch;

import com.aiaops.jobs.JobLease;
import com.aiaops.jobs.JobLeases;
import jakarta.annotation.PostConstruct;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Keeps this node's job leases alive, and recovers the executions of dead nodes: at start-up (this node's own
 * executions from before a crash or a kill -9) and every 20 seconds (another node's that stopped renewing). A
 * recovered execution is marked FAILED and restarted here from its last checkpoint.
 */
@Singleton
@Startup
@jakarta.ejb.DependsOn("aia-domain.jar#SchemaMigrations") // the schema first
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRecovery {
    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    @Inject
    JobLeases leases;

    @PostConstruct
    void atStartup() {
        recover();
    }

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false, info = "batch job leases")
    void renewAndRecover() {
        leases.renew();
        recover();
    }

    void recover() {
        for (JobLease orphan : leases.orphans()) {
            try {
                if (leases.claimAndFail(orphan)) {
                    long restarted = BatchRuntime.getJobOperator().restart(orphan.executionId(), new Properties());
                    LOG.warnf("Job %s execution %d was left running by node %s, which died: marked FAILED and restarted as execution %d",
                            orphan.jobName(), orphan.executionId(), orphan.node(), restarted);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Job %s execution %d could not be recovered", orphan.jobName(), orphan.executionId());
            }
        }
    }
}
