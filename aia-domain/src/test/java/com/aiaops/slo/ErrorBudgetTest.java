package com.aiaops.slo;

import com.aiaops.telemetry.Counts;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorBudgetTest {
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void ninety_nine_point_nine_percent_over_thirty_days_allows_43_2_minutes() {
        assertEquals(43.2, ErrorBudget.budgetMinutes(0.999, THIRTY_DAYS), 1e-9);
        assertEquals(4.32, ErrorBudget.budgetMinutes(0.9999, THIRTY_DAYS), 1e-9);
    }

    @Test
    void burn_rate_is_the_error_ratio_over_the_allowed_error_ratio() {
        assertEquals(1.0, ErrorBudget.burnRate(new Counts(999, 1000), 0.999), 1e-9);
        assertEquals(14.4, ErrorBudget.burnRate(new Counts(98_560, 100_000), 0.999), 1e-9);
        assertEquals(0.0, ErrorBudget.burnRate(Counts.NONE, 0.999), 0);
    }

    @Test
    void burning_14_4_times_for_one_hour_spends_2_percent_of_a_thirty_day_budget() {
        BurnRateRule fastPage = BurnRateRule.workbookDefaults().get(0);
        assertEquals(0.02, fastPage.budgetShareConsumed(THIRTY_DAYS), 1e-9);
        assertEquals(0.05, BurnRateRule.workbookDefaults().get(1).budgetShareConsumed(THIRTY_DAYS), 1e-9);
        assertEquals(0.10, BurnRateRule.workbookDefaults().get(2).budgetShareConsumed(THIRTY_DAYS), 1e-9);
        // Sloth's derivation for a 28-day SLO: 2 % of 672 h over a 1 h window is 13.44.
        assertEquals(13.44, 0.02 * Duration.ofDays(28).toHours() / 1.0, 1e-9);
    }

    @Test
    void the_share_of_budget_spent_counts_bad_events_against_the_bad_events_allowed() {
        assertEquals(0.5, ErrorBudget.consumedByEvents(new Counts(9_995, 10_000), 0.999), 1e-9);
        assertEquals(2.0, ErrorBudget.consumedByEvents(new Counts(9_980, 10_000), 0.999), 1e-9);
        assertEquals(0.25, ErrorBudget.consumedBySlices(108, 43_200, 0.99), 1e-9);
    }
}
