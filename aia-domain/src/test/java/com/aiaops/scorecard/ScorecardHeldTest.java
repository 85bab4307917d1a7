package com.aiaops.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.aiaops.telemetry.QueryCache;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a computed scorecard stays true, and how a kept one is read later in its minute. */
class ScorecardHeldTest {
    @Test
    void a_card_holds_to_the_end_of_the_minute_it_counts_to() {
        assertEquals(Instant.parse("2026-12-07T02:13:59.999999999Z"), QueryCache.heldToMinuteEnd(Instant.parse("2026-12-07T02:13:00.000000001Z")));
        assertEquals(Instant.parse("2026-12-07T02:13:59.999999999Z"), QueryCache.heldToMinuteEnd(Instant.parse("2026-12-07T02:13:59.999Z")));
        // On the minute, a card counts to that minute's start only: it holds for that instant, no longer.
        assertEquals(Instant.parse("2026-12-07T02:14:00Z"), QueryCache.heldToMinuteEnd(Instant.parse("2026-12-07T02:14:00Z")));
        // The last minute of a month: held to the month's end, never into the next month.
        assertEquals(Instant.parse("2026-12-31T23:59:59.999999999Z"), QueryCache.heldToMinuteEnd(Instant.parse("2026-12-31T23:59:30Z")));
    }

    @Test
    void a_running_months_card_ends_when_it_is_read_and_an_ended_months_card_at_its_end() {
        ScorecardService.Scorecard running = card("2026-12", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-07T02:13:10Z"));
        Instant later = Instant.parse("2026-12-07T02:13:40Z");
        assertEquals(later, running.at(later).to());
        assertEquals(running.pillars(), running.at(later).pillars());
        assertEquals(running.grade(), running.at(later).grade());
        ScorecardService.Scorecard ended = card("2026-11", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
        assertSame(ended, ended.at(later));
        // A leap year's February ends on the 29th.
        ScorecardService.Scorecard february = card("2028-02", Instant.parse("2028-02-01T00:00:00Z"), Instant.parse("2028-03-01T00:00:00Z"));
        assertSame(february, february.at(Instant.parse("2028-03-01T00:00:10Z")));
    }

    private static ScorecardService.Scorecard card(String month, Instant from, Instant to) {
        return new ScorecardService.Scorecard(null, "organization", month, from, to,
                List.of(Pillar.noData(Pillar.Name.COST, "spend within ±10 % of budget", 100.0, "% of budget", "no budget for this scope")), "N/A");
    }
}
