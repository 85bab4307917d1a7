package com.aiaops.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeWindowTest {
    @Test
    void a_rolling_window_ends_now() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        TimeWindow.Period p = TimeWindow.rolling(SloDuration.parse("28d")).periodAt(now);
        assertEquals(Instant.parse("2026-02-10T12:00:00Z"), p.from());
        assertEquals(now, p.to());
    }

    @Test
    void a_calendar_month_in_paris_starts_at_local_midnight() {
        TimeWindow month = TimeWindow.calendar(SloDuration.parse("1M"), LocalDateTime.parse("2026-01-01T00:00"),
                ZoneId.of("Europe/Paris"));
        TimeWindow.Period march = month.periodAt(Instant.parse("2026-03-15T10:00:00Z"));
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), march.from());
        // The clocks go forward on 29 March: April starts at 22:00 UTC.
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), march.to());
        assertEquals(Duration.ofDays(31).minusHours(1), march.length());
    }

    @Test
    void months_from_the_31st_do_not_drift() {
        TimeWindow month = TimeWindow.calendar(SloDuration.parse("1M"), LocalDateTime.parse("2026-01-31T00:00"), ZoneId.of("UTC"));
        TimeWindow.Period p = month.periodAt(Instant.parse("2026-05-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-04-30T00:00:00Z"), p.from());
        assertEquals(Instant.parse("2026-05-31T00:00:00Z"), p.to());
    }

    @Test
    void weekly_calendar_windows_step_from_their_start() {
        TimeWindow week = TimeWindow.calendar(SloDuration.parse("1w"), LocalDateTime.parse("2026-01-05T00:00"), ZoneId.of("UTC"));
        TimeWindow.Period p = week.periodAt(Instant.parse("2026-11-22T23:00:00Z"));
        assertEquals(Instant.parse("2026-11-16T00:00:00Z"), p.from());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), p.to());
    }

    @Test
    void durations_follow_openslo() {
        assertEquals(new SloDuration(30, 'd'), SloDuration.parse("30d"));
        assertThrows(IllegalArgumentException.class, () -> SloDuration.parse("30 days"));
        assertThrows(IllegalArgumentException.class, () -> SloDuration.parse("0d"));
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.rolling(SloDuration.parse("1M")));
    }
}
