package com.aiaops.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aiaops.telemetry.MinuteAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo fleet's traffic does what the demo promises: a burst that pages, a budget that burns but lasts. */
class DemoTrafficTest {
    private static final DemoTraffic.Profile CHECKOUT = DemoStory.FLEET.get(0);
    private static final double CHECKOUT_TARGET = 0.995;
    private static final Instant DAY = Instant.parse("2026-11-18T00:00:00Z"); // a Wednesday

    @Test
    void the_nightly_burst_trips_the_fast_burn_rate_pair_of_checkouts_slo() {
        Instant burstEnd = DAY.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(28));
        double hour = errorRatio(burstEnd.minus(Duration.ofHours(1)), 60);
        double fiveMinutes = errorRatio(burstEnd.minus(Duration.ofMinutes(5)), 5);
        double allowed = 1 - CHECKOUT_TARGET;
        assertTrue(hour / allowed > 14.4, "1 h burn rate " + hour / allowed);
        assertTrue(fiveMinutes / allowed > 14.4, "5 min burn rate " + fiveMinutes / allowed);
        // ... and only then: an hour later both windows are quiet again.
        assertTrue(errorRatio(burstEnd.plus(Duration.ofMinutes(5)), 60) / allowed < 1);
        assertTrue(DemoTraffic.inBurst(DAY.plus(Duration.ofMinutes(3 * 60 + 20))));
        assertFalse(DemoTraffic.inBurst(DAY.plus(Duration.ofMinutes(3 * 60 + 28))));
        assertFalse(DemoTraffic.inBurst(DAY.plus(Duration.ofMinutes(15 * 60 + 20))));
    }

    @Test
    void twenty_eight_days_of_checkout_spend_part_of_its_budget_not_all_of_it() {
        double consumed = errorRatio(DAY.minus(Duration.ofDays(28)), 28 * 1440) / (1 - CHECKOUT_TARGET);
        assertTrue(consumed > 0.2 && consumed < 0.8, "budget consumed " + consumed);
    }

    /**
     * Whatever the time the demo is loaded, notifications' 7-day budget is spent (so its release is frozen) and checkout's
     * 28-day budget is partly spent: every 37 minutes over two weeks, weekends and both ends of the day included. The
     * outage "three days ago to the hour" failed this (70 to 100 % spent when loaded at night).
     */
    @Test
    void the_history_spends_notifications_budget_and_part_of_checkouts_at_any_time_of_day() {
        DemoTraffic.Profile notifications = DemoStory.FLEET.get(2);
        for (int m = 0; m < 14 * 1440; m += 37) {
            Instant now = DAY.plus(Duration.ofMinutes(m));
            Instant start = now.minus(Duration.ofDays(DemoStory.HISTORY_DAYS));
            double spent = errorRatio(DemoTraffic.history(notifications, start, now), now.minus(Duration.ofDays(7))) / (1 - 0.99);
            assertTrue(spent > 1.2, "notifications' budget spent at " + now + ": " + spent);
            if (m % (37 * 7) == 0) {
                double checkout = errorRatio(DemoTraffic.history(CHECKOUT, start, now), now.minus(Duration.ofDays(28))) / (1 - CHECKOUT_TARGET);
                assertTrue(checkout > 0.05 && checkout < 1, "checkout's budget spent at " + now + ": " + checkout);
            }
        }
    }

    @Test
    void the_history_ends_with_checkouts_burst_and_keeps_every_request() {
        Instant now = DAY.plus(Duration.ofHours(15));
        List<MinuteAggregate> history = DemoTraffic.history(CHECKOUT, now.minus(Duration.ofDays(3)), now);
        MinuteAggregate last = history.get(history.size() - 1);
        assertEquals(now.minus(Duration.ofMinutes(1)), last.minute());
        assertTrue(last.total() - last.good() > last.total() / 2, "the burst is under way: " + last);
        long total = history.stream().mapToLong(MinuteAggregate::total).sum();
        assertEquals(DemoTraffic.span(CHECKOUT, now.minus(Duration.ofDays(3)), 3 * 1440, null).total(), total);
    }

    @Test
    void counts_are_consistent_and_the_same_every_time() {
        for (DemoTraffic.Profile profile : DemoStory.FLEET) {
            for (int m = 0; m < 2 * 1440; m += 7) {
                Instant minute = DAY.plus(Duration.ofMinutes(m));
                MinuteAggregate a = DemoTraffic.minute(profile, minute);
                assertEquals(a, DemoTraffic.minute(profile, minute));
                assertTrue(a.total() > 0 && a.good() >= 0 && a.good() <= a.total(), a.toString());
                assertEquals(a.total(), a.latencies().stream().mapToLong(MinuteAggregate.LatencyCount::count).sum(), a.toString());
            }
        }
        // Coarse history carries the same requests as its minutes.
        MinuteAggregate quarter = DemoTraffic.span(CHECKOUT, DAY, 15, null);
        long sum = 0;
        for (int m = 0; m < 15; m++) {
            sum += DemoTraffic.minute(CHECKOUT, DAY.plus(Duration.ofMinutes(m))).total();
        }
        assertEquals(sum, quarter.total());
    }

    @Test
    void the_afternoon_is_busier_than_the_night() {
        long night = DemoTraffic.span(CHECKOUT, DAY.plus(Duration.ofHours(2)), 60, null).total();
        long afternoon = DemoTraffic.span(CHECKOUT, DAY.plus(Duration.ofHours(14)), 60, null).total();
        assertTrue(afternoon > 2 * night, afternoon + " vs " + night);
    }

    private static double errorRatio(List<MinuteAggregate> history, Instant from) {
        long total = 0;
        long bad = 0;
        for (MinuteAggregate span : history) {
            if (!span.minute().isBefore(from)) {
                total += span.total();
                bad += span.total() - span.good();
            }
        }
        return bad / (double) total;
    }

    private static double errorRatio(Instant from, int minutes) {
        MinuteAggregate span = DemoTraffic.span(CHECKOUT, from, minutes, null);
        return (span.total() - span.good()) / (double) span.total();
    }
}
