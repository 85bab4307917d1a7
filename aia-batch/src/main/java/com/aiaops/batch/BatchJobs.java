package com.aiaops.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Starts the jobs of this module for the API. An EJB on purpose: JBeret finds a job's XML through the caller's
 * deployment module, and a call into this bean runs in aia-batch's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {
    public static final Set<String> JOBS = Set.of("full-backup", "incremental-backup", "restore-drill", "restore", "backup-retention", "sla-report", "cost-report",
            "weekly-review");

    /** The job parameter naming who asked for a run (its audit events say so); absent for scheduled runs. */
    public static final String REQUESTED_BY = "requestedBy";

    @jakarta.inject.Inject
    com.aiaops.audit.AuditLog audit;

    public long start(String job, Map<String, String> parameters) {
        if (!JOBS.contains(job)) {
            throw new IllegalArgumentException("no job " + job);
        }
        Properties properties = new Properties();
        properties.putAll(parameters);
        return BatchRuntime.getJobOperator().start(job, properties);
    }

    /**
     * Starts a job for a person or program: its request goes into the caller's audit trail (a backup exports every
     * organisation's data; a report reads one organisation's), and its run is audited when it ends (JobAuditListener).
     */
    public long start(com.aiaops.access.Caller caller, String job, Map<String, String> parameters) {
        Map<String, String> withRequester = new java.util.HashMap<>(parameters);
        withRequester.put(REQUESTED_BY, caller.auditActor());
        long execution = start(job, withRequester);
        Map<String, Object> details = new java.util.LinkedHashMap<>(parameters);
        details.put("executionId", execution);
        audit.recordOperation(caller, job + ".requested", "job-execution", execution, details);
        return execution;
    }

    /**
     * An execution's status (STARTING, STARTED, COMPLETED, FAILED, STOPPED …), exit status, the rows its chunk steps
     * read (a restart reads only what its checkpoint left), and the later execution that restarted it, if any.
     */
    public record Status(long executionId, String job, String batchStatus, String exitStatus, long itemsRead, Long restartedAs) {
    }

    /**
     * An execution's status if it is one of these jobs and was started with these parameters (the organisation a
     * report is for), else empty: an execution of another job or organisation does not exist for the caller.
     */
    public java.util.Optional<Status> status(long executionId, Set<String> jobNames, Map<String, String> requiredParameters) {
        JobExecution execution;
        try {
            execution = BatchRuntime.getJobOperator().getJobExecution(executionId);
        } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
            return java.util.Optional.empty();
        }
        if (execution == null || !jobNames.contains(execution.getJobName())) {
            return java.util.Optional.empty();
        }
        Properties parameters = execution.getJobParameters();
        for (Map.Entry<String, String> required : requiredParameters.entrySet()) {
            if (parameters == null || !required.getValue().equals(parameters.getProperty(required.getKey()))) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(status(executionId));
    }

    public Status status(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = operator.getJobExecution(executionId);
        long read = 0;
        for (var step : operator.getStepExecutions(executionId)) {
            for (var metric : step.getMetrics()) {
                if (metric.getType() == jakarta.batch.runtime.Metric.MetricType.READ_COUNT) {
                    read += metric.getValue();
                }
            }
        }
        Long later = operator.getJobExecutions(operator.getJobInstance(executionId)).stream().mapToLong(JobExecution::getExecutionId)
                .filter(id -> id > executionId).max().stream().boxed().findFirst().orElse(null);
        return new Status(executionId, execution.getJobName(), execution.getBatchStatus().name(), execution.getExitStatus(), read, later);
    }
}
