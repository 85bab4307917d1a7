package com.aiaops.maintenance;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * How a maintenance window repeats: at the same local time every day, every week (same weekday), or every month
 * (same day of the month, or the last day of a shorter month). NONE is a one-off window.
 */
public enum Recurrence {
    NONE, DAILY, WEEKLY, MONTHLY;

    /** The local start of the {@code n}-th occurrence after the first. */
    LocalDateTime nth(LocalDateTime first, long n) {
        return switch (this) {
            case NONE -> first;
            case DAILY -> first.plusDays(n);
            case WEEKLY -> first.plusWeeks(n);
            case MONTHLY -> first.plusMonths(n);
        };
    }

    /** The shortest time between two starts: a window must be shorter, or its occurrences would overlap. */
    Duration shortestPeriod() {
        return switch (this) {
            case NONE -> Duration.ofDays(36_500);
            case DAILY -> Duration.ofHours(23); // a DST day
            case WEEKLY -> Duration.ofDays(7).minusHours(1);
            case MONTHLY -> Duration.ofDays(28).minusHours(1);
        };
    }

    /** How many periods fit in a duration at most (to skip ahead without walking every occurrence). */
    long periodsAtMost(Duration elapsed) {
        return switch (this) {
            case NONE -> 0;
            case DAILY -> elapsed.toDays() - 1;
            case WEEKLY -> elapsed.toDays() / 7 - 1;
            case MONTHLY -> elapsed.toDays() / 31 - 1;
        };
    }
}
