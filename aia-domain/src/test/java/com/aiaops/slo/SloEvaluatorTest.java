package com.aiaops.slo;

import com.aiaops.telemetry.Counts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SloEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final TimeWindow THIRTY_DAYS = TimeWindow.rolling(SloDuration.parse("30d"));

    /** Per-minute counts in a sorted map, summed like the roll-ups are. */
    static final class Minutes implements SloEvaluator.CountSource {
        final TreeMap<Instant, Counts> byMinute = new TreeMap<>();

        /** Every minute in [from, to) has these counts (replacing what it had). */
        Minutes fill(Instant from, Instant to, long good, long total) {
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                byMinute.put(t, new Counts(good, total));
            }
            return this;
        }

        @Override
        public Counts counts(Instant from, Instant to) {
            return byMinute.subMap(from, true, to, false).values().stream().reduce(Counts.NONE, Counts::plus);
        }

        @Override
        public List<Counts> slices(Instant from, Instant to, Duration slice) {
            List<Counts> out = new ArrayList<>();
            for (Instant t = from; t.isBefore(to); t = t.plus(slice)) {
                out.add(counts(t, t.plus(slice).isAfter(to) ? to : t.plus(slice)));
            }
            return out;
        }
    }

    private static SloSpec occurrences(double target, long minimumEvents) {
        return new SloSpec(target, THIRTY_DAYS, BudgetingMethod.OCCURRENCES, null, null, minimumEvents,
                BurnRateRule.workbookDefaults());
    }

    @Test
    void no_traffic_is_no_data_not_healthy() {
        SloStatus status = SloEvaluator.evaluate(occurrences(0.999, 0), NOW, new Minutes());
        assertEquals(SloStatus.State.NO_DATA, status.state());
        assertNull(status.sli());
        assertEquals(43.2, status.budgetMinutes(), 1e-9);
    }

    @Test
    void steady_traffic_within_objective_is_healthy_with_budget_left_in_minutes() {
        // 100 requests a minute for 30 days, one bad in every 2000 (2,160 minutes with one bad request each):
        // half of a 99.9 % budget.
        Instant start = NOW.minus(Duration.ofDays(30));
        Minutes minutes = new Minutes().fill(start, NOW, 100, 100).fill(start, start.plus(Duration.ofMinutes(2160)), 99, 100);
        long total = 100L * 43_200;
        long bad = total / 2000;
        SloStatus status = SloEvaluator.evaluate(occurrences(0.999, 0), NOW, minutes);
        assertEquals(total, status.totalEvents());
        assertEquals(bad, status.totalEvents() - status.goodEvents());
        assertEquals(0.5, status.budgetConsumed(), 1e-9);
        assertEquals(21.6, status.budgetRemainingMinutes(), 1e-9);
        assertEquals(SloStatus.State.HEALTHY, status.state());
    }

    @Test
    void a_fast_burn_pages_when_both_the_long_and_the_short_window_burn() {
        Minutes minutes = new Minutes().fill(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofHours(1)), 1000, 1000);
        // The last hour: 2 % errors, a burn rate of 20 against 99.9 %.
        minutes.fill(NOW.minus(Duration.ofHours(1)), NOW, 980, 1000);
        SloStatus status = SloEvaluator.evaluate(occurrences(0.999, 100), NOW, minutes);
        assertEquals(SloStatus.State.CRITICAL, status.state());
        SloStatus.Alert fast = status.alerts().get(0);
        assertEquals("1h", fast.longWindow());
        assertEquals(20.0, fast.longBurnRate(), 1e-9);
        assertTrue(fast.firing());
        assertFalse(status.alerts().get(2).firing(), "3 days at a burn rate under 1 does not open a ticket");
    }

    @Test
    void a_burn_that_stopped_resets_through_the_short_window() {
        Minutes minutes = new Minutes().fill(NOW.minus(Duration.ofDays(30)), NOW, 1000, 1000);
        minutes.fill(NOW.minus(Duration.ofMinutes(50)), NOW.minus(Duration.ofMinutes(10)), 500, 1000);
        SloStatus status = SloEvaluator.evaluate(occurrences(0.999, 0), NOW, minutes);
        SloStatus.Alert fast = status.alerts().get(0);
        assertTrue(fast.longBurnRate() > 14.4);
        assertEquals(0.0, fast.shortBurnRate(), 1e-9);
        assertFalse(fast.firing());
    }

    @Test
    void low_traffic_does_not_page_below_the_minimum_events() {
        Minutes minutes = new Minutes().fill(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(1)), 0, 0);
        minutes.byMinute.put(NOW.minus(Duration.ofMinutes(2)), new Counts(1, 2));
        SloStatus status = SloEvaluator.evaluate(occurrences(0.999, 50), NOW, minutes);
        SloStatus.Alert fast = status.alerts().get(0);
        assertFalse(fast.firing());
        assertTrue(fast.suppressedForLowTraffic());
        assertEquals(SloStatus.State.EXHAUSTED, status.state(), "one bad request in two spends far more than the budget");
    }

    /**
     * RatioTimeslices averages the slices' own ratios, whatever their traffic: a quiet minute at 50 % weighs as much as
     * a busy one. 43,200 minutes in 30 days: 43,100 at 100 %, 100 at 50 % (and one of those with 2 requests only).
     * SLI = 1 - 100 × 0.5 / 43,200; allowed missing = 1 % × 43,200 = 432; consumed = 50 / 432.
     */
    @Test
    void ratio_timeslices_average_the_slices_ratios() {
        SloSpec spec = new SloSpec(0.99, THIRTY_DAYS, BudgetingMethod.RATIO_TIMESLICES, null, Duration.ofMinutes(1), 0,
                BurnRateRule.workbookDefaults());
        Minutes minutes = new Minutes().fill(NOW.minus(Duration.ofDays(30)), NOW, 1000, 1000);
        minutes.fill(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(99)), 500, 1000);
        minutes.byMinute.put(NOW.minus(Duration.ofDays(2)), new Counts(1, 2));
        SloStatus status = SloEvaluator.evaluate(spec, NOW, minutes);
        assertEquals(1 - 50.0 / 43_200, status.sli(), 1e-12);
        assertEquals(50.0 / 432, status.budgetConsumed(), 1e-12);
        assertEquals((1 - status.sli()) / (1 - 0.99), status.budgetConsumed(), 1e-9);
        // Counted by events instead, the quiet minute would weigh 1/500th of a busy one.
        assertTrue(1 - (double) status.goodEvents() / status.totalEvents() < 50.0 / 43_200);
        assertThrows(IllegalArgumentException.class, () -> new SloSpec(0.99, THIRTY_DAYS, BudgetingMethod.RATIO_TIMESLICES, 0.95,
                Duration.ofMinutes(1), 0, BurnRateRule.workbookDefaults()));
        assertThrows(IllegalArgumentException.class, () -> new SloSpec(0.99, THIRTY_DAYS, BudgetingMethod.RATIO_TIMESLICES, null,
                null, 0, BurnRateRule.workbookDefaults()));
    }

    @Test
    void timeslices_count_bad_minutes_against_the_minutes_allowed() {
        SloSpec spec = new SloSpec(0.99, THIRTY_DAYS, BudgetingMethod.TIMESLICES, 0.95, Duration.ofMinutes(1), 0,
                BurnRateRule.workbookDefaults());
        Minutes minutes = new Minutes().fill(NOW.minus(Duration.ofDays(30)), NOW, 100, 100);
        // 108 minutes at 90 % good: each is a bad slice. 1 % of 43,200 minutes allows 432 bad ones.
        minutes.fill(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(108)), 90, 100);
        SloStatus status = SloEvaluator.evaluate(spec, NOW, minutes);
        assertEquals(108L, status.badSlices());
        assertEquals(43_092L, status.goodSlices());
        assertEquals(0.25, status.budgetConsumed(), 1e-9);
        assertEquals(432.0 * 0.75, status.budgetRemainingMinutes(), 1e-9);
        assertEquals(43_092.0 / 43_200, status.sli(), 1e-12);
    }

    /**
     * Sparse traffic (the case an independent calculator found): 4,319 minutes with requests in 30 days, 20 of them
     * bad. The SLI and the budget are over the same 43,200 slices, so (1 - SLI) / (1 - target) is the budget consumed;
     * before, the SLI counted only the 4,319 slices with data (0.99537) while the budget counted all of them (0.0463).
     */
    @Test
    void timeslices_have_one_denominator_for_the_sli_and_the_budget() {
        SloSpec spec = new SloSpec(0.99, THIRTY_DAYS, BudgetingMethod.TIMESLICES, 0.95, Duration.ofMinutes(1), 0,
                BurnRateRule.workbookDefaults());
        Instant sparse = NOW.minus(Duration.ofDays(10));
        Minutes minutes = new Minutes().fill(sparse, sparse.plus(Duration.ofMinutes(4_299)), 100, 100);
        minutes.fill(sparse.plus(Duration.ofMinutes(4_299)), sparse.plus(Duration.ofMinutes(4_319)), 50, 100);
        SloStatus status = SloEvaluator.evaluate(spec, NOW, minutes);
        assertEquals(20L, status.badSlices());
        assertEquals(43_180L, status.goodSlices());
        assertEquals(1 - 20.0 / 43_200, status.sli(), 1e-12);
        assertEquals(20 / 432.0, status.budgetConsumed(), 1e-12);
        assertEquals(status.budgetConsumed(), (1 - status.sli()) / (1 - spec.target()), 1e-9);
    }
}
