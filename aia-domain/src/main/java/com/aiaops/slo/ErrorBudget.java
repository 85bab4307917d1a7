package com.aiaops.slo;

import com.aiaops.telemetry.Counts;

import java.time.Duration;

/**
 * Error-budget arithmetic for an objective {@code target} (e.g. 0.999) over a period. All inputs are
 * exact counts; nothing approximate enters it.
 */
public final class ErrorBudget {
    private ErrorBudget() {
    }

    /** Minutes of full outage the objective allows over the period: 43.2 for 99.9 % of 30 days. */
    public static double budgetMinutes(double target, Duration period) {
        return (1 - target) * period.toMinutes();
    }

    /** How fast the budget burns: 1 means exactly at the rate that spends it by the period's end. */
    public static double burnRate(Counts counts, double target) {
        return counts.errorRatio() / (1 - target);
    }

    /**
     * The share of the budget spent by these events (Occurrences): bad events over the bad events the
     * objective allows among them. Can exceed 1 when the budget is overspent.
     */
    public static double consumedByEvents(Counts counts, double target) {
        if (!counts.hasData()) {
            return 0;
        }
        return counts.bad() / ((1 - target) * counts.total());
    }

    /** The share of the budget spent by bad time slices (Timeslices). */
    /**
     * RatioTimeslices: the slices' missing ratios summed (a slice at 0.97 misses 0.03) over what the budget allows
     * across all slices so far, (1 - target) each.
     */
    public static double consumedBySliceRatios(double missing, long totalSlices, double target) {
        if (totalSlices == 0) {
            return 0;
        }
        return missing / ((1 - target) * totalSlices);
    }

    public static double consumedBySlices(long badSlices, long totalSlices, double target) {
        if (totalSlices == 0) {
            return 0;
        }
        return badSlices / ((1 - target) * totalSlices);
    }
}
