package com.aiaops.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sum of roll-ups: counts add, sketches merge. It can be written as text and read back unchanged, so that the sum of a
 * window's sealed minutes is kept in the query cache and only the last minutes are added to it after each ingest.
 */
final class RollupSum {
    private long total;
    private long good;
    private long latencyCount;
    private double latencySum;
    private final LatencySketch sketch;

    RollupSum() {
        this(LatencySketch.empty());
    }

    private RollupSum(LatencySketch sketch) {
        this.sketch = sketch;
    }

    void add(Rollup rollup) {
        add(rollup.total(), rollup.good(), rollup.latencyCount(), rollup.latencySumMillis(), rollup.sketch());
    }

    void add(RollupSum other) {
        add(other.total, other.good, other.latencyCount, other.latencySum, other.sketch);
    }

    private void add(long total, long good, long latencyCount, double latencySum, LatencySketch sketch) {
        this.total = Math.addExact(this.total, total);
        this.good = Math.addExact(this.good, good);
        this.latencyCount = Math.addExact(this.latencyCount, latencyCount);
        this.latencySum += latencySum;
        this.sketch.merge(sketch);
    }

    /** "total/good/latencyCount/latencySum/sketch", the sketch in DDSketch's encoding as Base64; never empty. */
    String toText() {
        return total + "/" + good + "/" + latencyCount + "/" + latencySum + "/" + Base64.getEncoder().encodeToString(sketch.toBytes());
    }

    /** Reads what {@link #toText} wrote. */
    static RollupSum fromText(String text) {
        String[] parts = text.split("/", 5);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a kept roll-up sum: " + text);
        }
        RollupSum sum = new RollupSum(LatencySketch.fromBytes(Base64.getDecoder().decode(parts[4])));
        sum.total = Long.parseLong(parts[0]);
        sum.good = Long.parseLong(parts[1]);
        sum.latencyCount = Long.parseLong(parts[2]);
        sum.latencySum = Double.parseDouble(parts[3]);
        return sum;
    }

    TelemetryQuery.Summary summary(Instant from, Instant to, List<Double> quantiles) {
        Map<String, Double> latency = new LinkedHashMap<>();
        if (latencyCount > 0) {
            for (double q : quantiles) {
                latency.put(TelemetryQuery.label(q), sketch.quantile(q));
            }
        }
        double seconds = Duration.between(from, to).toSeconds();
        return new TelemetryQuery.Summary(from, to, total, good, total / seconds, total == 0 ? null : (double) (total - good) / total,
                latencyCount == 0 ? null : latencySum / latencyCount, latency);
    }
}
