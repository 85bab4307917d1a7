package com.aiaops.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MinuteRetentionTest {
    @Test
    void minute_rollups_older_than_the_retention_and_batch_records_too_old_to_retry_are_deleted() {
        List<Instant> cutoffs = new ArrayList<>();
        List<Instant> batchCutoffs = new ArrayList<>();
        MinuteRetention retention = new MinuteRetention();
        retention.rollups = new RollupRepository() {
            @Override
            int deleteMinutesBefore(Instant cutoff) {
                cutoffs.add(cutoff);
                return 0;
            }

            @Override
            int deleteBatchesReceivedBefore(Instant cutoff) {
                batchCutoffs.add(cutoff);
                return 0;
            }
        };
        retention.maxAge = Duration.ofDays(7);
        retention.clock = Clock.fixed(Instant.parse("2026-11-22T12:07:00Z"), ZoneOffset.UTC);
        retention.retention = Duration.ofDays(35);
        retention.purge();
        retention.retention = Duration.ofDays(2);
        retention.purge();
        assertEquals(List.of(Instant.parse("2026-10-18T12:07:00Z"), Instant.parse("2026-11-20T12:07:00Z")), cutoffs);
        assertEquals(Instant.parse("2026-11-14T12:07:00Z"), batchCutoffs.get(0), "max-age plus a day");
    }
}
