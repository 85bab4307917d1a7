package com.aiaops.slo;

/**
 * How the budget is counted. OCCURRENCES: good events over all events. TIMESLICES: good slices over
 * slices with data, a slice being good when its own ratio meets the time-slice target.
 */
public enum BudgetingMethod { OCCURRENCES, TIMESLICES }
