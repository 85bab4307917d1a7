package com.aiaops.batch;

import com.aiaops.jobs.JobLeases;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Every job takes a lease when it starts and gives it back when it ends, however it ends. */
@Named
@Dependent
public class JobLeaseListener extends AbstractJobListener {
    @Inject
    JobContext job;

    @Inject
    JobLeases leases;

    @Override
    public void beforeJob() {
        leases.take(job.getExecutionId(), job.getJobName());
    }

    @Override
    public void afterJob() {
        leases.release(job.getExecutionId());
    }
}
