package com.aiaops.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IntervalsTest {
    private static Instant t(int minute) {
        return Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofMinutes(minute));
    }

    private static Intervals.Interval i(int from, int to) {
        return new Intervals.Interval(t(from), t(to));
    }

    @Test
    void overlapping_windows_count_their_minutes_once() {
        List<Intervals.Interval> merged = Intervals.clipAndMerge(List.of(i(30, 50), i(10, 20), i(15, 35), i(60, 70)), t(0), t(100));
        assertEquals(List.of(i(10, 50), i(60, 70)), merged);
        assertEquals(Duration.ofMinutes(50), Intervals.total(merged));
    }

    @Test
    void windows_are_clipped_to_the_period() {
        assertEquals(List.of(i(0, 5), i(95, 100)), Intervals.clipAndMerge(List.of(i(-10, 5), i(95, 120), i(200, 300)), t(0), t(100)));
    }
}
