package com.aiaops.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Time intervals [from, to): clipping to a window and merging overlaps, so no minute is excluded twice. */
public final class Intervals {
    private Intervals() {
    }

    public record Interval(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /** The parts of these intervals inside [from, to), merged and in order. */
    public static List<Interval> clipAndMerge(List<Interval> intervals, Instant from, Instant to) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            Instant start = i.from().isBefore(from) ? from : i.from();
            Instant end = i.to().isAfter(to) ? to : i.to();
            if (start.isBefore(end)) {
                clipped.add(new Interval(start, end));
            }
        }
        clipped.sort(Comparator.comparing(Interval::from));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : clipped) {
            if (!merged.isEmpty() && !merged.get(merged.size() - 1).to().isBefore(i.from())) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.from(), last.to().isAfter(i.to()) ? last.to() : i.to()));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }

    public static Duration total(List<Interval> intervals) {
        return intervals.stream().map(Interval::length).reduce(Duration.ZERO, Duration::plus);
    }
}
