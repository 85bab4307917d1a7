package com.aiaops.slo;

import java.time.Duration;
import java.util.List;

/**
 * What an SLO promises, as the evaluator needs it: the objective, the window, the budgeting method, the
 * low-traffic guard and the burn-rate rules (data, not code).
 */
public record SloSpec(double target, TimeWindow window, BudgetingMethod method, Double timeSliceTarget,
                      Duration timeSliceWindow, long minimumEvents, List<BurnRateRule> rules) {
    public SloSpec {
        if (!(target > 0 && target < 1)) {
            throw new Refused("target", "the target must be in (0, 1), e.g. 0.999");
        }
        if (method == BudgetingMethod.TIMESLICES && (timeSliceTarget == null || !(timeSliceTarget > 0 && timeSliceTarget <= 1))) {
            throw new Refused("timeSliceTarget", "Timeslices budgeting needs a timeSliceTarget in (0, 1]");
        }
        if (method == BudgetingMethod.RATIO_TIMESLICES && timeSliceTarget != null) {
            throw new Refused("timeSliceTarget", "RatioTimeslices budgeting averages the slices' ratios: it takes no timeSliceTarget");
        }
        if (method.slices() && (timeSliceWindow == null || timeSliceWindow.toMinutes() < 1 || timeSliceWindow.toSeconds() % 60 != 0)) {
            throw new Refused("timeSliceWindow", method == BudgetingMethod.TIMESLICES ? "Timeslices budgeting needs a timeSliceWindow of whole minutes"
                    : "RatioTimeslices budgeting needs a timeSliceWindow of whole minutes");
        }
        if (minimumEvents < 0) {
            throw new Refused("minimumEvents", "minimumEvents cannot be negative");
        }
        rules = List.copyOf(rules);
    }

    /** More events than any window can hold: a guard above it could never let an alert fire. */
    public static final long MAX_MINIMUM_EVENTS = 1_000_000_000_000_000L;

    /**
     * Refuses, for a new definition, what the stored telemetry cannot measure: a window longer than the roll-ups are
     * read over, per-slice or burn-rate windows longer than minute roll-ups are kept, a slice longer than its window.
     * Not checked when a stored SLO is read back, so that tightening these rules never breaks a read.
     */
    /** A definition the telemetry cannot measure, naming the field of the definition that makes it so. */
    /** A spec refused for one of its fields, named as the API calls it. */
    public static class Refused extends IllegalArgumentException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A spec that is valid but cannot be measured with the telemetry kept. */
    public static final class Unmeasurable extends Refused {
        Unmeasurable(String field, String message) {
            super(field, message);
        }
    }

    public void checkMeasurable(Duration minuteRetention) {
        if (window.longestPeriod().compareTo(TimeWindow.MAX_LENGTH) > 0) {
            throw new Unmeasurable("window", "the window " + window.duration() + " is longer than the telemetry read for it (at most "
                    + TimeWindow.MAX_LENGTH.toDays() + "d, 13M, 4Q or 1Y)");
        }
        if (method.slices()) {
            if (timeSliceWindow.compareTo(window.longestPeriod()) > 0) {
                throw new Unmeasurable("timeSliceWindow", "the time slice " + timeSliceWindow + " is longer than the window " + window.duration());
            }
            if (window.longestPeriod().compareTo(minuteRetention) > 0) {
                throw new Unmeasurable("window", "Time-slice budgeting reads minute roll-ups, kept " + minuteRetention.toDays()
                        + " days: the window " + window.duration() + " is longer");
            }
        }
        if (minimumEvents > MAX_MINIMUM_EVENTS) {
            throw new Unmeasurable("minimumEvents", "minimumEvents is at most " + MAX_MINIMUM_EVENTS);
        }
        for (BurnRateRule rule : rules) {
            if (rule.longWindow().compareTo(minuteRetention) > 0) {
                throw new Unmeasurable("burnRateRules", "a burn-rate window of " + rule.longWindow().toDays() + " days is longer than the "
                        + minuteRetention.toDays() + " days minute roll-ups are kept");
            }
            if (!(rule.factor() <= BurnRateRule.MAX_FACTOR)) {
                throw new Unmeasurable("burnRateRules", "a burn-rate factor is at most " + BurnRateRule.MAX_FACTOR);
            }
        }
    }
}
