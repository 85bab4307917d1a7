package com.aiaops.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aiaops.maintenance.Intervals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SloMaintenanceTest {
    @Test
    void kept_intervals_read_back_as_they_were_by_service_also_before_1970_and_for_a_service_without_any() {
        Map<UUID, List<Intervals.Interval>> byService = Map.of(
                UUID.randomUUID(), List.of(new Intervals.Interval(Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:07:00Z")),
                        new Intervals.Interval(Instant.parse("2026-12-07T11:00:00.001Z"), Instant.parse("2026-12-08T00:00:00Z"))),
                UUID.randomUUID(), List.of(new Intervals.Interval(Instant.parse("1969-12-31T23:59:00Z"), Instant.parse("1970-01-01T00:01:00Z")),
                        new Intervals.Interval(Instant.parse("-1000-01-01T00:00:00Z"), Instant.parse("-0999-01-01T00:00:00Z"))),
                UUID.randomUUID(), List.of());
        assertEquals(byService, SloMaintenance.parse(SloMaintenance.text(byService)));
        assertEquals(Map.of(), SloMaintenance.parse(SloMaintenance.text(Map.of())));
    }
}
