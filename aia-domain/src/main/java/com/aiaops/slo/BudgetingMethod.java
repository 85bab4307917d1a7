package com.aiaops.slo;

/**
 * How the budget is counted (OpenSLO's three methods). OCCURRENCES: good events over all events. TIMESLICES: good
 * slices over all slices of the window so far, a slice being good when its own ratio meets the time-slice target.
 * RATIO_TIMESLICES: the average of every slice's own ratio of good events (a slice without events had no failure).
 */
public enum BudgetingMethod {
    OCCURRENCES, TIMESLICES, RATIO_TIMESLICES;

    /** Whether the window is cut into slices of a {@code timeSliceWindow}. */
    public boolean slices() {
        return this != OCCURRENCES;
    }
}
