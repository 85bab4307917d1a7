package com.aiaops.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The window an SLO is measured over: rolling (the last {@code duration} up to now) or calendar-aligned
 * (consecutive periods of {@code duration} from {@code calendarStart} in {@code timeZone}, e.g. months in Europe/Paris).
 */
public record TimeWindow(SloDuration duration, boolean rolling, LocalDateTime calendarStart, ZoneId timeZone) {

    public TimeWindow {
        if (rolling && duration.isCalendarUnit()) {
            throw new IllegalArgumentException("a rolling window needs a fixed duration (m, h, d or w), not " + duration);
        }
        if (!rolling && (calendarStart == null || timeZone == null)) {
            throw new IllegalArgumentException("a calendar window needs a start time and a time zone");
        }

    }

    /** Roll-ups are read over at most this long a window (TelemetryQuery's limit), so an SLO window cannot be longer. */
    public static final Duration MAX_LENGTH = Duration.ofDays(400);

    /** The longest a period of this window can be (a month counts 31 days, a quarter 92, a year 366). */
    public Duration longestPeriod() {
        return switch (duration.unit()) {
            case 'M' -> Duration.ofDays(31L * duration.amount());
            case 'Q' -> Duration.ofDays(92L * duration.amount());
            case 'Y' -> Duration.ofDays(366L * duration.amount());
            default -> duration.fixedLength();
        };
    }

    public static TimeWindow rolling(SloDuration duration) {
        return new TimeWindow(duration, true, null, null);
    }

    public static TimeWindow calendar(SloDuration duration, LocalDateTime start, ZoneId zone) {
        return new TimeWindow(duration, false, start, zone);
    }

    /** True for a calendar window whose first period starts after {@code now}: the SLO is not in force yet. */
    public boolean startsAfter(Instant now) {
        return !rolling && now.atZone(timeZone).isBefore(calendarStart.atZone(timeZone));
    }

    /** The first period of a calendar window. */
    public Period firstPeriod() {
        return new Period(periodStart(0).toInstant(), periodStart(1).toInstant());
    }

    /** The period that contains {@code now}: [from, to). For a rolling window, to is now. */
    public Period periodAt(Instant now) {
        if (rolling) {
            return new Period(now.minus(duration.fixedLength()), now);
        }
        ZonedDateTime at = now.atZone(timeZone);
        if (at.isBefore(calendarStart.atZone(timeZone))) {
            throw new IllegalArgumentException("the calendar window starts after " + now);
        }
        long k = estimateIndex(at);
        while (k > 0 && periodStart(k).isAfter(at)) {
            k--;
        }
        while (!periodStart(k + 1).isAfter(at)) {
            k++;
        }
        ZonedDateTime start = periodStart(k);
        ZonedDateTime next = periodStart(k + 1);
        return new Period(start.toInstant(), next.toInstant());
    }

    /** The start of the k-th period, counted from the calendar start (k = 0), without month-end drift. */
    private ZonedDateTime periodStart(long k) {
        ZonedDateTime origin = calendarStart.atZone(timeZone);
        return switch (duration.unit()) {
            case 'M' -> origin.plusMonths(k * duration.amount());
            case 'Q' -> origin.plusMonths(3 * k * duration.amount());
            case 'Y' -> origin.plusYears(k * duration.amount());
            default -> origin.plus(duration.fixedLength().multipliedBy(k));
        };
    }

    private long estimateIndex(ZonedDateTime at) {
        ZonedDateTime origin = calendarStart.atZone(timeZone);
        long approximatePeriodSeconds = switch (duration.unit()) {
            case 'M' -> 2_629_746L * duration.amount();
            case 'Q' -> 7_889_238L * duration.amount();
            case 'Y' -> 31_556_952L * duration.amount();
            default -> duration.fixedLength().getSeconds();
        };
        return Math.max(0, Duration.between(origin, at).getSeconds() / approximatePeriodSeconds);
    }

    /** A span of time [from, to). */
    public record Period(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }
}
