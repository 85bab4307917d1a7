package com.aiaops.batch.backup;

import com.aiaops.backup.Backup;
import com.aiaops.backup.BackupStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Retention: backups older than {@code days} (default 30) are deleted, but never the newest completed one, nor a
 * backup whose files a kept incremental backup still uses.
 */
@Named
@jakarta.enterprise.context.Dependent
public class BackupRetention extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(BackupRetention.class);

    @Inject
    BackupStore store;

    @Inject
    @BatchProperty
    String days;

    @Override
    public String process() {
        int keepDays = days == null || days.isBlank() ? 30 : Integer.parseInt(days.trim());
        if (keepDays < 1 || keepDays > 3650) {
            throw new IllegalArgumentException("days must be from 1 to 3650");
        }
        Instant cutoff = store.now().minus(Duration.ofDays(keepDays));
        String newest = store.newestCompleted().map(Backup::name).orElse(null);
        List<Backup> all = store.list();
        List<Backup> kept = all.stream().filter(b -> !b.startedAt().isBefore(cutoff) || b.name().equals(newest)).toList();
        // An incremental backup keeps the files of unchanged tables in its base: a kept backup's bases are kept too.
        java.util.Set<String> needed = new java.util.HashSet<>();
        for (Backup b : kept) {
            if (b.status() == Backup.Status.COMPLETED) {
                store.manifest(b.name()).tables().stream().map(t -> t.storedIn()).filter(java.util.Objects::nonNull).forEach(needed::add);
            }
        }
        List<Backup> old = all.stream().filter(b -> !kept.contains(b) && !needed.contains(b.name())).toList();
        for (Backup b : old) {
            store.delete(b.name());
        }
        LOG.infof("Backup retention (%d days): %d backup(s) deleted", keepDays, old.size());
        return "DELETED " + old.size();
    }
}
