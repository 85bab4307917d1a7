package com.aiaops.shared;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Calendar months as UTC instants: [start, end) of a month, the way budgets, reports and scorecards count them. */
public final class Months {
    private Months() {
    }

    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the month (exclusive end). */
    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }
}
