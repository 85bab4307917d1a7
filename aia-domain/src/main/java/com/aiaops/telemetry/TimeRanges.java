package com.aiaops.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits [from, to) into the fewest roll-up reads: minutes up to the first whole hour, hours up to the
 * first whole day, whole days, then hours and minutes to the end. Both ends are whole minutes.
 */
final class TimeRanges {
    private TimeRanges() {
    }

    record Piece(Resolution resolution, Instant from, Instant to) {
    }

    static List<Piece> decompose(Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        if (!from.isBefore(to)) {
            return pieces;
        }
        Instant firstHour = ceil(from, ChronoUnit.HOURS);
        Instant lastHour = to.truncatedTo(ChronoUnit.HOURS);
        if (!firstHour.isBefore(lastHour)) {
            pieces.add(new Piece(Resolution.MINUTE, from, to));
            return pieces;
        }
        add(pieces, Resolution.MINUTE, from, firstHour);
        Instant firstDay = ceil(firstHour, ChronoUnit.DAYS);
        Instant lastDay = lastHour.truncatedTo(ChronoUnit.DAYS);
        if (!firstDay.isBefore(lastDay)) {
            add(pieces, Resolution.HOUR, firstHour, lastHour);
        } else {
            add(pieces, Resolution.HOUR, firstHour, firstDay);
            add(pieces, Resolution.DAY, firstDay, lastDay);
            add(pieces, Resolution.HOUR, lastDay, lastHour);
        }
        add(pieces, Resolution.MINUTE, lastHour, to);
        return pieces;
    }

    private static void add(List<Piece> pieces, Resolution resolution, Instant from, Instant to) {
        if (from.isBefore(to)) {
            pieces.add(new Piece(resolution, from, to));
        }
    }

    private static Instant ceil(Instant t, ChronoUnit unit) {
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(1, unit);
    }
}
