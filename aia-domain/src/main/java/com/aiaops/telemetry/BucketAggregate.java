package com.aiaops.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** What one batch adds to one bucket, summed in memory before the bucket's row is touched once. */
final class BucketAggregate {
    private long total;
    private long good;
    private long latencyCount;
    private double latencySumMillis;
    /** Made at the first latency: dense for single requests (many distinct values), sparse for pre-counted ones (few). */
    private LatencySketch sketch;
    private final Map<Integer, Long> countsAtOrUnder = new HashMap<>();

    BucketAggregate(Set<Integer> thresholds) {
        thresholds.forEach(t -> countsAtOrUnder.put(t, 0L));
    }

    void add(boolean isGood, Double latencyMillis) {
        total++;
        if (isGood) {
            good++;
        }
        if (latencyMillis != null) {
            latencyCount++;
            latencySumMillis += latencyMillis;
            sketchFor(false).record(latencyMillis);
            countsAtOrUnder.replaceAll((bound, count) -> LatencyBound.within(bound, latencyMillis) ? count + 1 : count);
        }
    }

    /** A client's pre-counted minute: totals, and requests per latency value. */
    void addCounted(long requests, long goodRequests, java.util.List<MinuteAggregate.LatencyCount> latencies) {
        total += requests;
        good += goodRequests;
        if (latencies == null) {
            return;
        }
        for (MinuteAggregate.LatencyCount latency : latencies) {
            double ms = latency.ms();
            long count = latency.count();
            latencyCount += count;
            latencySumMillis += ms * count;
            sketchFor(true).record(ms, count);
            countsAtOrUnder.replaceAll((bound, c) -> LatencyBound.within(bound, ms) ? c + count : c);
        }
    }

    long total() {
        return total;
    }

    long good() {
        return good;
    }

    long latencyCount() {
        return latencyCount;
    }

    double latencySumMillis() {
        return latencySumMillis;
    }

    LatencySketch sketch() {
        return sketch == null ? LatencySketch.empty() : sketch;
    }

    private LatencySketch sketchFor(boolean fewValues) {
        if (sketch == null) {
            sketch = fewValues ? LatencySketch.sparse() : LatencySketch.empty();
        }
        return sketch;
    }

    Map<Integer, Long> countsAtOrUnder() {
        return countsAtOrUnder;
    }
}
