package com.aiaops.telemetry;

import com.aiaops.partitioning.TimePartitions;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes minute roll-ups older than {@code aia.telemetry.minute-retention} (default 35 days, more than a
 * 30-day Timeslices window needs), and idempotency records of batches too old to be retried; hour and day
 * roll-ups are kept. A persistent timer in the database
 * store, so one node of the cluster runs it each hour.
 */
@Singleton
public class MinuteRetention {
    private static final Logger LOG = Logger.getLogger(MinuteRetention.class);

    @Inject
    RollupRepository rollups;

    @Inject
    Clock clock;

    @Inject
    TimePartitions partitions;

    @Inject
    jakarta.enterprise.event.Event<QueryCache.RowsPurged> purges;

    @Inject
    @ConfigProperty(name = "aia.telemetry.minute-retention", defaultValue = "P35D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "aia.telemetry.max-age", defaultValue = "P7D")
    Duration maxAge;

    @Schedule(hour = "*", minute = "7", persistent = true, info = "telemetry minute retention")
    void onSchedule() {
        purge();
    }

    /** What one run deleted; on PostgreSQL, minutes go a day's partition at a time (the partitions are named). */
    public record Purged(long minuteRollups, int batchRecords, java.util.List<String> droppedPartitions) {
    }

    public Purged purge() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        // Partitioned (PostgreSQL): a day's minutes go when the whole day is past the cutoff, by dropping its partition,
        // so up to a day more than the retention is kept; plain tables (H2) delete the rows.
        java.util.Optional<TimePartitions.Expired> expired = partitions.expire("telemetry_rollup_minute", cutoff);
        long deleted = expired.map(TimePartitions.Expired::rows).orElseGet(() -> (long) rollups.deleteMinutesBefore(cutoff));
        if (deleted > 0) {
            // Cached answers (sealed ones live until a write reaches their minutes) must not count rows that are gone.
            purges.fire(new QueryCache.RowsPurged(deleted));
        }
        // A retry of a batch received before this would carry data older than max-age, which is refused anyway:
        // its idempotency record is no longer needed.
        Instant batchCutoff = now.minus(maxAge).minus(Duration.ofDays(1));
        int batches = rollups.deleteBatchesReceivedBefore(batchCutoff);
        LOG.infof("Deleted %d minute roll-ups older than %s and %d batch records older than %s", deleted, cutoff, batches, batchCutoff);
        return new Purged(deleted, batches, expired.map(TimePartitions.Expired::droppedPartitions).orElse(java.util.List.of()));
    }
}
