package com.aiaops.otlp;

import com.aiaops.telemetry.MinuteAggregate.LatencyCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one histogram data point, explicit-bucket or exponential, in the unit of its metric. A cumulative
 * series is turned into deltas with {@link #minus}; {@link #latencies} places each bucket's requests at the bucket's
 * upper bound, which OTLP buckets include: so "at most T" is counted exactly whenever T is a bucket boundary.
 */
public final class HistogramPoint {
    /** Explicit bounds, or null for an exponential histogram. */
    private final double[] bounds;
    private final int scale;
    private final int offset;
    /** Requests per bucket: {@code bounds.length + 1} of them, or the positive buckets from {@code offset}. */
    private final long[] counts;
    /** Exponential only: requests at zero (and below it, which a duration cannot be). */
    private final long zeroCount;
    /** The largest value recorded, when the point says (NaN otherwise): where the overflow bucket's requests go. */
    private final double max;

    private HistogramPoint(double[] bounds, int scale, int offset, long[] counts, long zeroCount, double max) {
        this.bounds = bounds;
        this.scale = scale;
        this.offset = offset;
        this.counts = counts;
        this.zeroCount = zeroCount;
        this.max = max;
    }

    public static HistogramPoint explicit(double[] bounds, long[] counts, double max) {
        if (counts.length == 0) {
            return new HistogramPoint(bounds, 0, 0, new long[bounds.length + 1], 0, max);
        }
        if (counts.length != bounds.length + 1) {
            throw new IllegalArgumentException("has " + counts.length + " bucket counts for " + bounds.length
                    + " explicit bounds (there must be one more count than bounds)");
        }
        for (int i = 1; i < bounds.length; i++) {
            if (!(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException("explicit bounds must increase");
            }
        }
        return new HistogramPoint(bounds.clone(), 0, 0, nonNegative(counts), 0, max);
    }

    public static HistogramPoint exponential(int scale, int offset, long[] positiveCounts, long zeroAndNegativeCount, double max) {
        if (scale < -10 || scale > 20) {
            throw new IllegalArgumentException("scale " + scale + " is outside -10..20");
        }
        if (zeroAndNegativeCount < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return new HistogramPoint(null, scale, offset, nonNegative(positiveCounts), zeroAndNegativeCount, max);
    }

    private static long[] nonNegative(long[] counts) {
        for (long c : counts) {
            if (c < 0) { // uint64 counts above Long.MAX_VALUE arrive negative: no real request rate gets there
                throw new IllegalArgumentException("a bucket count is beyond 2^63");
            }
        }
        return counts.clone();
    }

    public long total() {
        long total = zeroCount;
        for (long c : counts) {
            total = Math.addExact(total, c);
        }
        return total;
    }

    /**
     * What happened since {@code earlier}, a point of the same cumulative series: null when it cannot be told
     * (other buckets, or a count that went down without a new start time).
     */
    public HistogramPoint minus(HistogramPoint earlier) {
        if (bounds != null) {
            if (earlier.bounds == null || !Arrays.equals(bounds, earlier.bounds)) {
                return null;
            }
            long[] delta = new long[counts.length];
            for (int i = 0; i < counts.length; i++) {
                delta[i] = counts[i] - earlier.counts[i];
                if (delta[i] < 0) {
                    return null;
                }
            }
            return new HistogramPoint(bounds, 0, 0, delta, 0, max);
        }
        if (earlier.bounds != null || earlier.scale < scale) {
            return null; // a cumulative series only ever lowers its scale
        }
        Map<Integer, Long> before = earlier.bucketsAt(scale);
        long[] delta = counts.clone();
        for (Map.Entry<Integer, Long> bucket : before.entrySet()) {
            int i = bucket.getKey() - offset;
            if (i < 0 || i >= delta.length || delta[i] < bucket.getValue()) {
                return null;
            }
            delta[i] -= bucket.getValue();
        }
        long zero = zeroCount - earlier.zeroCount;
        return zero < 0 ? null : new HistogramPoint(null, scale, offset, delta, zero, max);
    }

    /** Positive bucket counts by index at a scale no finer than this one's (two buckets merge per step down). */
    private Map<Integer, Long> bucketsAt(int coarserScale) {
        int shift = scale - coarserScale;
        Map<Integer, Long> merged = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                merged.merge((offset + i) >> shift, counts[i], Long::sum);
            }
        }
        return merged;
    }

    /** Requests per latency in milliseconds, {@code millisPerUnit} converting the metric's unit, capped at an hour. */
    public List<LatencyCount> latencies(double millisPerUnit) {
        Map<Double, Long> byMillis = new TreeMap<>();
        if (bounds != null) {
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    continue;
                }
                double upper;
                if (i < bounds.length) {
                    upper = bounds[i];
                } else { // above the last bound: at the largest value when known, else at the last bound (a floor)
                    upper = !Double.isNaN(max) && (bounds.length == 0 || max > bounds[bounds.length - 1]) ? max
                            : bounds.length == 0 ? 0 : bounds[bounds.length - 1];
                }
                byMillis.merge(millis(upper, millisPerUnit), counts[i], Long::sum);
            }
        } else {
            if (zeroCount > 0) {
                byMillis.merge(0.0, zeroCount, Long::sum);
            }
            double base = Math.pow(2, Math.pow(2, -scale));
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) { // bucket k holds (base^k, base^(k+1)]
                    byMillis.merge(millis(Math.pow(base, offset + i + 1), millisPerUnit), counts[i], Long::sum);
                }
            }
        }
        List<LatencyCount> latencies = new ArrayList<>(byMillis.size());
        byMillis.forEach((ms, count) -> latencies.add(new LatencyCount(ms, count)));
        return latencies;
    }

    private static double millis(double value, double millisPerUnit) {
        double ms = value * millisPerUnit;
        if (!(ms > 0)) {
            return 0;
        }
        return Math.min(ms, 3_600_000);
    }

    /** A text form for the series state kept between cumulative points. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        if (bounds != null) {
            text.append("explicit|");
            for (int i = 0; i < bounds.length; i++) {
                text.append(i == 0 ? "" : ",").append(bounds[i]);
            }
        } else {
            text.append("exponential|").append(scale).append(',').append(offset).append(',').append(zeroCount);
        }
        text.append('|').append(max).append('|');
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : ",").append(counts[i]);
        }
        return text.toString();
    }

    public static HistogramPoint decode(String text) {
        String[] parts = text.split("\\|", -1);
        double max = Double.parseDouble(parts[2]);
        long[] counts = parts[3].isEmpty() ? new long[0] : Arrays.stream(parts[3].split(",")).mapToLong(Long::parseLong).toArray();
        if (parts[0].equals("explicit")) {
            double[] bounds = parts[1].isEmpty() ? new double[0] : Arrays.stream(parts[1].split(",")).mapToDouble(Double::parseDouble).toArray();
            return new HistogramPoint(bounds, 0, 0, counts, 0, max);
        }
        String[] layout = parts[1].split(",");
        return new HistogramPoint(null, Integer.parseInt(layout[0]), Integer.parseInt(layout[1]), counts, Long.parseLong(layout[2]), max);
    }
}
