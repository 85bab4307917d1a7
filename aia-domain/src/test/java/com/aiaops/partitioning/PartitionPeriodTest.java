package com.aiaops.partitioning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static com.aiaops.partitioning.PartitionPeriod.Unit.DAY;
import static com.aiaops.partitioning.PartitionPeriod.Unit.MONTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartitionPeriodTest {
    @Test
    void a_day_is_a_utc_day_whatever_the_instant_inside_it() {
        PartitionPeriod first = DAY.of(Instant.parse("2026-12-04T00:00:00Z"));
        assertEquals(first, DAY.of(Instant.parse("2026-12-04T23:59:59.999999999Z")));
        assertEquals(Instant.parse("2026-12-04T00:00:00Z"), first.from());
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), first.to());
        assertEquals("telemetry_rollup_minute_p20261204", first.partitionOf("telemetry_rollup_minute"));
        // the instant before midnight belongs to the day before
        assertEquals(LocalDate.of(2026, 12, 3), DAY.of(Instant.parse("2026-12-03T23:59:59.999Z")).first());
    }

    @Test
    void days_and_months_run_on_across_month_year_and_leap_day_ends() {
        assertEquals(LocalDate.of(2028, 2, 29), DAY.of(Instant.parse("2028-02-28T12:00:00Z")).next().first());
        assertEquals(LocalDate.of(2028, 3, 1), DAY.of(Instant.parse("2028-02-29T12:00:00Z")).next().first());
        assertEquals(LocalDate.of(2027, 1, 1), DAY.of(Instant.parse("2026-12-31T23:00:00Z")).next().first());
        PartitionPeriod december = MONTH.of(Instant.parse("2026-12-31T23:59:59Z"));
        assertEquals("cost_line_p202612", december.partitionOf("cost_line"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), december.to());
        assertEquals(Instant.parse("2027-03-01T00:00:00Z"), MONTH.of(Instant.parse("2027-02-10T00:00:00Z")).to());
        // no day is lost or doubled over a year of days: their spans tile it
        PartitionPeriod day = DAY.of(Instant.parse("2027-01-01T00:00:00Z"));
        for (int i = 0; i < 365; i++) {
            PartitionPeriod next = day.next();
            assertEquals(day.to(), next.from());
            day = next;
        }
        assertEquals(LocalDate.of(2028, 1, 1), day.first());
    }

    @Test
    void a_partition_name_tells_its_period_and_no_other_name_does() {
        assertEquals(Optional.of(DAY.of(Instant.parse("2026-12-04T05:00:00Z"))),
                PartitionPeriod.ofPartition("telemetry_rollup_minute", "telemetry_rollup_minute_p20261204", DAY));
        assertEquals(Optional.of(MONTH.of(Instant.parse("2027-02-01T00:00:00Z"))),
                PartitionPeriod.ofPartition("cost_line", "cost_line_p202702", MONTH));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("telemetry_rollup_minute", "telemetry_rollup_minute_default", DAY));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("telemetry_rollup_minute", "telemetry_rollup_minute_p20261345", DAY));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("telemetry_rollup_minute", "telemetry_rollup_minute_p20260229", DAY));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("telemetry_rollup_minute", "telemetry_rollup_minute_p202612", DAY));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("telemetry_rollup_hour", "telemetry_rollup_minute_p202612", MONTH));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("cost_line", "cost_line_p202613", MONTH));
        assertEquals(Optional.empty(), PartitionPeriod.ofPartition("cost_line", "cost_line_p2026121", MONTH));
        // every name made round-trips
        PartitionPeriod day = DAY.of(Instant.parse("1999-12-31T00:00:00Z"));
        assertEquals(Optional.of(day), PartitionPeriod.ofPartition("t", day.partitionOf("t"), DAY));
    }

    @Test
    void a_month_starts_on_its_first_day() {
        assertThrows(IllegalArgumentException.class, () -> new PartitionPeriod(MONTH, LocalDate.of(2026, 12, 4)));
    }
}
