package com.aiaops.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Members taking turns: turn k starts at {@code firstHandoff} plus k turns, counted in the schedule's local
 * time for DAYS and WEEKS (a 09:00 hand-off stays at 09:00 across DST) and in elapsed time for HOURS.
 */
public record Rotation(LocalDateTime firstHandoff, ZoneId zone, int length, Unit unit, List<UUID> members) {
    public enum Unit { HOURS, DAYS, WEEKS }

    public Rotation {
        if (length < 1) {
            throw new IllegalArgumentException("a turn lasts at least one " + unit);
        }
        members = List.copyOf(members);
    }

    /** The start of turn k. */
    ZonedDateTime handoff(long k) {
        ZonedDateTime first = firstHandoff.atZone(zone);
        return switch (unit) {
            case HOURS -> first.plus(Duration.ofHours(k * length));
            case DAYS -> firstHandoff.plusDays(k * length).atZone(zone);
            case WEEKS -> firstHandoff.plusWeeks(k * length).atZone(zone);
        };
    }

    /** The turn running at {@code at}, or null before the first hand-off. */
    Turn turnAt(Instant at) {
        if (at.isBefore(handoff(0).toInstant())) {
            return null;
        }
        long approximate = Duration.between(handoff(0).toInstant(), at).toHours() / switch (unit) {
            case HOURS -> length;
            case DAYS -> 24L * length;
            case WEEKS -> 24L * 7 * length;
        };
        long k = Math.max(0, approximate - 1);
        while (!handoff(k + 1).toInstant().isAfter(at)) {
            k++;
        }
        while (k > 0 && handoff(k).toInstant().isAfter(at)) {
            k--;
        }
        UUID member = members.isEmpty() ? null : members.get((int) (k % members.size()));
        return new Turn(handoff(k).toInstant(), handoff(k + 1).toInstant(), member);
    }

    /** The first hand-off after {@code at}: the end of the turn running then, or the first hand-off before it. */
    Instant nextHandoffAfter(Instant at) {
        Turn turn = turnAt(at);
        return turn == null ? handoff(0).toInstant() : turn.end();
    }

    /** The turns that overlap [from, to), in order. */
    List<Turn> turns(Instant from, Instant to) {
        List<Turn> turns = new ArrayList<>();
        Instant cursor = from.isBefore(handoff(0).toInstant()) ? handoff(0).toInstant() : from;
        while (cursor.isBefore(to)) {
            Turn turn = turnAt(cursor);
            turns.add(turn);
            cursor = turn.end();
        }
        return turns;
    }

    /** One member's turn [start, end); member null when the rotation has nobody. */
    record Turn(Instant start, Instant end, UUID member) {
    }
}
