package com.aiaops.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;

/**
 * Scaling triggers and their evaluation on per-minute utilisation. "CPU above 70 % for 15 minutes" holds when every
 * sampled minute of the last 15 is above 70 % and at least 80 % of those minutes were sampled (a gap in the data is
 * not taken for a calm). Scale up when the CPU or the memory condition holds; scale down when both low ones do.
 */
public record ScalingTriggers(double upCpuAbove, double upMemoryAbove, int upMinutes, double downCpuBelow, double downMemoryBelow,
                              int downMinutes) {
    public static final ScalingTriggers DEFAULTS = new ScalingTriggers(70, 80, 15, 30, 50, 60);
    static final double COVERAGE = 0.8;

    public ScalingTriggers {
        if (upMinutes < 1 || downMinutes < 1 || upMinutes > 1440 || downMinutes > 1440) {
            throw new IllegalArgumentException("trigger windows are from 1 to 1440 minutes");
        }
        if (downCpuBelow >= upCpuAbove || downMemoryBelow >= upMemoryAbove) {
            throw new IllegalArgumentException("scale-down thresholds must be below scale-up ones, or the service would flap");
        }
    }

    public enum Decision { SCALE_UP, SCALE_DOWN, HOLD, NO_DATA }

    public record Verdict(Decision decision, List<String> reasons) {
    }

    /** One minute's averages. */
    public record Minute(double cpu, double memory, int instances) {
    }

    /** Evaluates at {@code now} over the minutes before it (keys are minute starts). */
    public Verdict evaluate(NavigableMap<Instant, Minute> minutes, Instant now) {
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<String> reasons = new ArrayList<>();
        Window up = window(minutes, end, upMinutes);
        Window down = window(minutes, end, downMinutes);
        if (up.covered()) {
            if (up.all(m -> m.cpu() > upCpuAbove)) {
                reasons.add(String.format(Locale.ROOT, "CPU above %.0f %% for %d minutes (lowest %.1f %%)", upCpuAbove, upMinutes, up.minCpu()));
            }
            if (up.all(m -> m.memory() > upMemoryAbove)) {
                reasons.add(String.format(Locale.ROOT, "memory above %.0f %% for %d minutes (lowest %.1f %%)", upMemoryAbove, upMinutes, up.minMemory()));
            }
            if (!reasons.isEmpty()) {
                return new Verdict(Decision.SCALE_UP, reasons);
            }
        }
        if (down.covered() && down.all(m -> m.cpu() < downCpuBelow && m.memory() < downMemoryBelow)) {
            reasons.add(String.format(Locale.ROOT, "CPU below %.0f %% and memory below %.0f %% for %d minutes (highest %.1f %% and %.1f %%)",
                    downCpuBelow, downMemoryBelow, downMinutes, down.maxCpu(), down.maxMemory()));
            return new Verdict(Decision.SCALE_DOWN, reasons);
        }
        if (!up.covered()) {
            return new Verdict(Decision.NO_DATA, List.of(String.format(Locale.ROOT, "%d of the last %d minutes have utilisation data; %.0f %% needed",
                    up.samples().size(), upMinutes, COVERAGE * 100)));
        }
        return new Verdict(Decision.HOLD, List.of("no trigger holds"));
    }

    private record Window(List<Minute> samples, int minutes) {
        boolean covered() {
            return samples.size() >= Math.ceil(minutes * COVERAGE);
        }

        boolean all(java.util.function.Predicate<Minute> condition) {
            return samples.stream().allMatch(condition);
        }

        double minCpu() {
            return samples.stream().mapToDouble(Minute::cpu).min().orElse(Double.NaN);
        }

        double minMemory() {
            return samples.stream().mapToDouble(Minute::memory).min().orElse(Double.NaN);
        }

        double maxCpu() {
            return samples.stream().mapToDouble(Minute::cpu).max().orElse(Double.NaN);
        }

        double maxMemory() {
            return samples.stream().mapToDouble(Minute::memory).max().orElse(Double.NaN);
        }
    }

    private static Window window(NavigableMap<Instant, Minute> minutes, Instant end, int length) {
        return new Window(List.copyOf(minutes.subMap(end.minus(Duration.ofMinutes(length)), true, end, false).values()), length);
    }
}
