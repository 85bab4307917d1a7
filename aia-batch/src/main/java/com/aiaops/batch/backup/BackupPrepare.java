package com.aiaops.batch.backup;

import com.aiaops.backup.BackupStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** First step of a backup (re-run on every restart): the catalog entry and the directory of this job instance's backup. */
@Named
@jakarta.enterprise.context.Dependent
public class BackupPrepare extends AbstractBatchlet {
    @Inject
    JobContext job;

    @Inject
    BackupStore store;

    @Override
    public String process() {
        store.begin(job.getInstanceId());
        return "PREPARED";
    }
}
