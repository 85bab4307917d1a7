package com.aiaops.telemetry;

import com.aiaops.partitioning.TimePartitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MinuteRetentionTest {
    /** The purges a retention run announces, recorded instead of delivered. */
    private static final class Recorded implements jakarta.enterprise.event.Event<QueryCache.RowsPurged> {
        final List<QueryCache.RowsPurged> fired = new ArrayList<>();

        @Override
        public void fire(QueryCache.RowsPurged event) {
            fired.add(event);
        }

        @Override
        public <U extends QueryCache.RowsPurged> java.util.concurrent.CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends QueryCache.RowsPurged> java.util.concurrent.CompletionStage<U> fireAsync(U event,
                                                                                                 jakarta.enterprise.event.NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public jakarta.enterprise.event.Event<QueryCache.RowsPurged> select(java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends QueryCache.RowsPurged> jakarta.enterprise.event.Event<U> select(Class<U> subtype,
                                                                                        java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends QueryCache.RowsPurged> jakarta.enterprise.event.Event<U> select(jakarta.enterprise.util.TypeLiteral<U> subtype,
                                                                                        java.lang.annotation.Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void minute_rollups_older_than_the_retention_and_batch_records_too_old_to_retry_are_deleted() {
        List<Instant> cutoffs = new ArrayList<>();
        List<Instant> batchCutoffs = new ArrayList<>();
        MinuteRetention retention = new MinuteRetention();
        Recorded purges = new Recorded();
        retention.purges = purges;
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
        List<Instant> partitionCutoffs = new ArrayList<>();
        retention.partitions = new TimePartitions() {
            @Override
            public Optional<Expired> expire(String table, Instant cutoff) {
                partitionCutoffs.add(cutoff);
                return Optional.empty(); // plain tables (H2): the rows are deleted
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
        assertEquals(cutoffs, partitionCutoffs);
        assertEquals(List.of(), purges.fired, "nothing deleted: every cached answer is still true");
    }

    @Test
    void partitioned_minutes_go_by_whole_partitions_and_no_row_is_deleted_one_by_one() {
        MinuteRetention retention = new MinuteRetention();
        Recorded purges = new Recorded();
        retention.purges = purges;
        List<String> tables = new ArrayList<>();
        retention.rollups = new RollupRepository() {
            @Override
            int deleteMinutesBefore(Instant cutoff) {
                throw new AssertionError("rows deleted although the partitions were dropped");
            }

            @Override
            int deleteBatchesReceivedBefore(Instant cutoff) {
                return 3;
            }
        };
        retention.partitions = new TimePartitions() {
            @Override
            public Optional<Expired> expire(String table, Instant cutoff) {
                tables.add(table);
                return Optional.of(new Expired(List.of("telemetry_rollup_minute_p20261017"), 1_440));
            }
        };
        retention.maxAge = Duration.ofDays(7);
        retention.clock = Clock.fixed(Instant.parse("2026-11-22T12:07:00Z"), ZoneOffset.UTC);
        retention.retention = Duration.ofDays(35);
        MinuteRetention.Purged purged = retention.purge();
        assertEquals(List.of("telemetry_rollup_minute"), tables);
        assertEquals(new MinuteRetention.Purged(1_440, 3, List.of("telemetry_rollup_minute_p20261017")), purged);
        assertEquals(List.of(new QueryCache.RowsPurged(1_440)), purges.fired, "the cached answers counting those rows are forgotten");
    }
}
