package com.aiaops.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Combines a rotation with overrides (an override wins over the rotation; among overlapping overrides the
 * one created last wins) into the shifts of a period, flagging gaps and shifts of people who left.
 */
public final class Coverage {
    private Coverage() {
    }

    /** An override: {@code member} takes [from, to); {@code order} ranks overlapping overrides (higher wins). */
    public record Override(UUID member, Instant from, Instant to, long order) {
    }

    public static List<Shift> shifts(Rotation rotation, List<Override> overrides, Set<UUID> reachable, Instant from, Instant to) {
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        cuts.add(to);
        for (Rotation.Turn turn : rotation.turns(from, to)) {
            add(cuts, turn.start(), from, to);
            add(cuts, turn.end(), from, to);
        }
        for (Override o : overrides) {
            add(cuts, o.from(), from, to);
            add(cuts, o.to(), from, to);
        }
        List<Shift> shifts = new ArrayList<>();
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                Shift piece = pieceAt(rotation, overrides, reachable, previous, cut);
                Shift last = shifts.isEmpty() ? null : shifts.get(shifts.size() - 1);
                if (last != null && java.util.Objects.equals(last.member(), piece.member()) && last.override() == piece.override()
                        && last.gap() == piece.gap()) {
                    shifts.set(shifts.size() - 1, new Shift(last.start(), piece.end(), last.member(), last.override(), last.gap(), last.empty()));
                } else {
                    shifts.add(piece);
                }
            }
            previous = cut;
        }
        return shifts;
    }

    /** Who is on call at {@code at}, or null for nobody. */
    public static UUID onCallAt(Rotation rotation, List<Override> overrides, Instant at) {
        Override override = overrides.stream().filter(o -> !at.isBefore(o.from()) && at.isBefore(o.to()))
                .max(Comparator.comparingLong(Override::order)).orElse(null);
        if (override != null) {
            return override.member();
        }
        Rotation.Turn turn = rotation.turnAt(at);
        return turn == null ? null : turn.member();
    }

    /**
     * The last instant at which {@link #onCallAt} still answers as at {@code at}: just before the next hand-off or the
     * next start or end of an override, whichever comes first.
     */
    public static Instant onCallHoldsUntil(Rotation rotation, List<Override> overrides, Instant at) {
        Instant next = rotation.nextHandoffAfter(at);
        for (Override o : overrides) {
            for (Instant edge : List.of(o.from(), o.to())) {
                if (edge.isAfter(at) && edge.isBefore(next)) {
                    next = edge;
                }
            }
        }
        return next.minusNanos(1);
    }

    private static Shift pieceAt(Rotation rotation, List<Override> overrides, Set<UUID> reachable, Instant start, Instant end) {
        boolean overridden = overrides.stream().anyMatch(o -> !start.isBefore(o.from()) && start.isBefore(o.to()));
        UUID member = onCallAt(rotation, overrides, start);
        return new Shift(start, end, member, overridden, member == null, member != null && !reachable.contains(member));
    }

    private static void add(TreeSet<Instant> cuts, Instant t, Instant from, Instant to) {
        if (t.isAfter(from) && t.isBefore(to)) {
            cuts.add(t);
        }
    }
}
