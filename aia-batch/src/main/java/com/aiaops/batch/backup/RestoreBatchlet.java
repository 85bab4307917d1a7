package com.aiaops.batch.backup;

import com.aiaops.backup.RestoreDrill;
import com.aiaops.backup.Restores;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The restore: the named backup (a directory under the backup root, e.g. copied from another installation) restored
 * into this installation's empty database. Started by an operator through the management API, since an empty
 * installation has nobody to call its HTTP API. The exit status says why a restore did not happen.
 */
@Named
@jakarta.enterprise.context.Dependent
public class RestoreBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;

    @Inject
    Restores restores;

    @Inject
    @BatchProperty
    String backup;

    @Override
    public String process() {
        if (backup == null || !backup.trim().matches("[a-z0-9-]{1,64}")) {
            job.setExitStatus("NO_BACKUP");
            throw new IllegalArgumentException("the job parameter backup must name a backup directory, such as backup-12");
        }
        try {
            RestoreDrill restore = restores.restore(backup.trim());
            if (!restore.verified()) {
                job.setExitStatus("NOT_VERIFIED");
                throw new IllegalStateException("restore of " + backup + " rolled back: " + restore.problems());
            }
        } catch (Restores.RestoreRefused e) {
            job.setExitStatus(e.reason());
            throw e;
        }
        job.setExitStatus("RESTORED");
        return "RESTORED";
    }
}
