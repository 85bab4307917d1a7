package com.aiaops.batch.backup;

import com.aiaops.backup.Backup;
import com.aiaops.backup.BackupStore;
import com.aiaops.backup.RestoreDrill;
import com.aiaops.backup.RestoreDrills;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The restore drill: the named backup (default: the newest completed one) restored into a scratch schema and verified. */
@Named
@jakarta.enterprise.context.Dependent
public class RestoreDrillBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;

    @Inject
    BackupStore store;

    @Inject
    RestoreDrills drills;

    @Inject
    @BatchProperty
    String backup;

    @Override
    public String process() {
        String name = backup == null || backup.isBlank()
                ? store.newestCompleted().map(Backup::name).orElseThrow(() -> new IllegalStateException("no completed backup to drill"))
                : backup.trim();
        if (!name.matches("backup-[0-9]{1,18}")) {
            throw new IllegalArgumentException("backup must name a backup such as backup-12");
        }
        RestoreDrill drill = drills.drill(name, "drill_" + job.getExecutionId());
        if (!drill.verified()) {
            throw new IllegalStateException("restore drill of " + name + " failed: " + drill.problems());
        }
        return "VERIFIED";
    }
}
