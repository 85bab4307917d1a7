package com.aiaops.telemetry;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeRangesTest {
    private static TimeRanges.Piece piece(Resolution r, String from, String to) {
        return new TimeRanges.Piece(r, Instant.parse(from), Instant.parse(to));
    }

    @Test
    void a_long_window_reads_minutes_hours_days_hours_minutes() {
        List<TimeRanges.Piece> pieces = TimeRanges.decompose(Instant.parse("2026-11-01T22:45:00Z"), Instant.parse("2026-11-04T03:10:00Z"));
        assertEquals(List.of(
                piece(Resolution.MINUTE, "2026-11-01T22:45:00Z", "2026-11-01T23:00:00Z"),
                piece(Resolution.HOUR, "2026-11-01T23:00:00Z", "2026-11-02T00:00:00Z"),
                piece(Resolution.DAY, "2026-11-02T00:00:00Z", "2026-11-04T00:00:00Z"),
                piece(Resolution.HOUR, "2026-11-04T00:00:00Z", "2026-11-04T03:00:00Z"),
                piece(Resolution.MINUTE, "2026-11-04T03:00:00Z", "2026-11-04T03:10:00Z")), pieces);
    }

    @Test
    void a_window_inside_one_hour_reads_minutes_only() {
        assertEquals(List.of(piece(Resolution.MINUTE, "2026-11-01T10:05:00Z", "2026-11-01T10:55:00Z")),
                TimeRanges.decompose(Instant.parse("2026-11-01T10:05:00Z"), Instant.parse("2026-11-01T10:55:00Z")));
    }

    @Test
    void a_window_within_a_day_never_reads_day_rows() {
        List<TimeRanges.Piece> pieces = TimeRanges.decompose(Instant.parse("2026-11-01T01:30:00Z"), Instant.parse("2026-11-01T23:30:00Z"));
        assertTrue(pieces.stream().noneMatch(p -> p.resolution() == Resolution.DAY));
        assertEquals(3, pieces.size());
    }

    @Test
    void an_empty_window_reads_nothing() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        assertTrue(TimeRanges.decompose(t, t).isEmpty());
    }
}
