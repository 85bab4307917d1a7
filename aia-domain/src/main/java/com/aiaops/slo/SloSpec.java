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
            throw new IllegalArgumentException("the target must be in (0, 1), e.g. 0.999");
        }
        if (method == BudgetingMethod.TIMESLICES) {
            if (timeSliceTarget == null || !(timeSliceTarget > 0 && timeSliceTarget <= 1)) {
                throw new IllegalArgumentException("Timeslices budgeting needs a timeSliceTarget in (0, 1]");
            }
            if (timeSliceWindow == null || timeSliceWindow.toMinutes() < 1 || timeSliceWindow.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("Timeslices budgeting needs a timeSliceWindow of whole minutes");
            }
        }
        if (minimumEvents < 0) {
            throw new IllegalArgumentException("minimumEvents cannot be negative");
        }
        rules = List.copyOf(rules);
    }
}
