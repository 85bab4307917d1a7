package com.aiaops.batch;

import com.aiaops.audit.AuditLog;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every run of a job that reads or moves data in bulk goes into an audit trail when it ends, however it was started
 * (the API, a schedule, jboss-cli or the console): a report into its organisation's, a backup, drill, restore or
 * retention into the platform operators' organisation's (they hold every organisation's data).
 */
@Named
@Dependent
public class JobAuditListener extends AbstractJobListener {
    private static final Logger LOG = Logger.getLogger(JobAuditListener.class);

    @Inject
    JobContext job;

    @Inject
    AuditLog audit;

    @Inject
    TenancyRepository tenancy;

    @Inject
    @ConfigProperty(name = "aia.platform.operator-organization")
    Optional<String> operatorOrganization;

    @Override
    public void afterJob() {
        Properties parameters = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        Optional<UUID> organization = organizationOf(parameters);
        if (organization.isEmpty()) {
            // An empty installation being restored, or no operators' organisation configured: there is no trail to write to.
            LOG.infof("Job %s execution %d ended %s/%s; no organisation to audit it in", job.getJobName(), job.getExecutionId(),
                    job.getBatchStatus(), job.getExitStatus());
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("batchStatus", String.valueOf(job.getBatchStatus()));
        details.put("exitStatus", job.getExitStatus());
        details.put("startedBy", parameters == null ? null : parameters.getProperty(BatchJobs.REQUESTED_BY, "schedule or management"));
        if (parameters != null) {
            parameters.stringPropertyNames().stream().filter(name -> !name.equals(BatchJobs.REQUESTED_BY)).sorted()
                    .forEach(name -> details.put(name, parameters.getProperty(name)));
        }
        audit.recordOperation(Caller.system(organization.get()), job.getJobName() + ".finished", "job-execution", job.getExecutionId(), details);
    }

    private Optional<UUID> organizationOf(Properties parameters) {
        String named = parameters == null ? null : parameters.getProperty("organization");
        if (named != null) {
            try {
                return Optional.of(UUID.fromString(named));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Job %s execution %d names no organisation id: %s", job.getJobName(), job.getExecutionId(), named);
            }
        }
        return operatorOrganization.flatMap(tenancy::organizationBySlug).map(o -> o.id());
    }
}
