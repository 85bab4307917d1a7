package com.aiaops.maintenance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecurringMaintenanceTest {
    private static final UUID ORG = UUID.randomUUID();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static MaintenanceWindow window(String start, String end, Recurrence recurrence, ZoneId zone, String until) {
        return new MaintenanceWindow(ORG, null, "patching", Instant.parse(start), Instant.parse(end), recurrence, zone,
                until == null ? null : Instant.parse(until), Instant.parse(start));
    }

    private static List<String> starts(List<Intervals.Interval> intervals) {
        return intervals.stream().map(i -> i.from().toString()).toList();
    }

    @Test
    void aWeeklyWindowKeepsItsLocalTimeAcrossTheEndOfSummerTime() {
        // Sundays 02:00–04:00 in Paris; summer time ends on Sunday 25 October 2026.
        MaintenanceWindow sundays = window("2026-10-18T00:00:00Z", "2026-10-18T02:00:00Z", Recurrence.WEEKLY, PARIS, null);
        List<Intervals.Interval> found = sundays.occurrences(Instant.parse("2026-10-17T00:00:00Z"), Instant.parse("2026-11-09T00:00:00Z"));
        // 02:00 on the 25th happens twice; the first (summer-time) one is taken. From November 02:00 CET is 01:00 UTC.
        assertEquals(List.of("2026-10-18T00:00:00Z", "2026-10-25T00:00:00Z", "2026-11-01T01:00:00Z", "2026-11-08T01:00:00Z"), starts(found));
        assertEquals(Instant.parse("2026-11-08T03:00:00Z"), found.get(3).to());
    }

    @Test
    void aDailyWindowFarInTheFutureIsFoundWithoutWalkingFromTheStartAndStopsAtItsEnd() {
        MaintenanceWindow nightly = window("2026-01-01T03:00:00Z", "2026-01-01T03:30:00Z", Recurrence.DAILY, ZoneId.of("UTC"),
                "2026-12-31T00:00:00Z");
        assertEquals(List.of("2026-11-22T03:00:00Z", "2026-11-23T03:00:00Z"),
                starts(nightly.occurrences(Instant.parse("2026-11-22T03:10:00Z"), Instant.parse("2026-11-23T12:00:00Z"))));
        assertEquals(List.of("2026-12-30T03:00:00Z"),
                starts(nightly.occurrences(Instant.parse("2026-12-30T00:00:00Z"), Instant.parse("2027-01-05T00:00:00Z"))));
    }

    @Test
    void aMonthlyWindowOnThe31stFallsOnTheLastDayOfShorterMonths() {
        MaintenanceWindow monthEnd = window("2026-01-31T22:00:00Z", "2026-01-31T23:00:00Z", Recurrence.MONTHLY, ZoneId.of("UTC"), null);
        assertEquals(List.of("2026-01-31T22:00:00Z", "2026-02-28T22:00:00Z", "2026-03-31T22:00:00Z", "2026-04-30T22:00:00Z"),
                starts(monthEnd.occurrences(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"))));
    }

    @Test
    void aOneOffWindowIsItself() {
        MaintenanceWindow once = window("2026-05-01T10:00:00Z", "2026-05-01T12:00:00Z", Recurrence.NONE, ZoneId.of("UTC"), null);
        assertEquals(1, once.occurrences(Instant.parse("2026-05-01T11:00:00Z"), Instant.parse("2026-05-02T00:00:00Z")).size());
        assertEquals(0, once.occurrences(Instant.parse("2026-05-01T12:00:00Z"), Instant.parse("2026-05-02T00:00:00Z")).size());
    }
}
