package com.aiaops.partitioning;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static com.aiaops.partitioning.PartitionPeriod.Unit.DAY;
import static com.aiaops.partitioning.PartitionPeriod.Unit.MONTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodTablesTest {
    private static final String MINUTES = "telemetry_rollup_minute";
    private static final Instant NOW = Instant.parse("2026-12-07T23:59:30Z");

    private static Optional<String> minutes(String from, String to) {
        return PeriodTables.partitionFor(DAY, MINUTES, Instant.parse(from), Instant.parse(to), NOW);
    }

    @Test
    void a_span_inside_the_running_day_names_its_partition_up_to_the_last_nanosecond() {
        assertEquals(Optional.of("telemetry_rollup_minute_p20261207"), minutes("2026-12-07T23:55:00Z", "2026-12-07T23:58:00Z"));
        assertEquals(Optional.of("telemetry_rollup_minute_p20261207"), minutes("2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z"));
        // One nanosecond into the next day: two partitions hold its rows, so the table is named.
        assertEquals(Optional.empty(), minutes("2026-12-07T23:55:00Z", "2026-12-08T00:00:00.000000001Z"));
        assertEquals(Optional.empty(), minutes("2026-12-06T23:59:00Z", "2026-12-07T00:01:00Z"));
    }

    @Test
    void a_coming_period_names_its_partition_and_an_ended_one_never_does() {
        assertEquals(Optional.of("telemetry_rollup_minute_p20261210"), minutes("2026-12-10T08:00:00Z", "2026-12-10T09:00:00Z"));
        // Yesterday's partition may be dropped by retention at any time: the table is named.
        assertEquals(Optional.empty(), minutes("2026-12-06T08:00:00Z", "2026-12-06T09:00:00Z"));
        // A day that ends at this very instant has ended.
        assertEquals(Optional.empty(), PeriodTables.partitionFor(DAY, MINUTES, Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T11:00:00Z"), Instant.parse("2026-12-08T00:00:00Z")));
    }

    @Test
    void months_hold_hours_and_days_to_the_year_end_and_an_empty_or_reversed_span_names_nothing() {
        assertEquals(Optional.of("telemetry_rollup_hour_p202612"), PeriodTables.partitionFor(MONTH, "telemetry_rollup_hour",
                Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), NOW));
        assertEquals(Optional.empty(), PeriodTables.partitionFor(MONTH, "telemetry_rollup_hour",
                Instant.parse("2026-12-31T23:00:00Z"), Instant.parse("2027-01-01T01:00:00Z"), NOW));
        assertEquals(Optional.empty(), minutes("2026-12-07T23:55:00Z", "2026-12-07T23:55:00Z"));
        assertEquals(Optional.empty(), minutes("2026-12-07T23:56:00Z", "2026-12-07T23:55:00Z"));
        // Far dates: past year 9999 the period's name ("p+100000101") is none a partition is made with; the table is named.
        assertEquals(Optional.empty(), PeriodTables.partitionFor(DAY, MINUTES,
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("+10000-01-01T00:01:00Z"), NOW));
    }

    @Test
    void only_postgresqls_undefined_table_anywhere_in_the_causes_is_a_gone_partition() {
        SQLException gone = new SQLException("relation \"telemetry_rollup_minute_p20261207\" does not exist", "42P01");
        assertTrue(PeriodTables.isUndefinedTable(new IllegalStateException("reading", new RuntimeException(gone))));
        assertFalse(PeriodTables.isUndefinedTable(new IllegalStateException("reading", new SQLException("deadlock", "40P01"))));
        assertFalse(PeriodTables.isUndefinedTable(new IllegalStateException("no cause")));
    }
}
