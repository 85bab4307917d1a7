package com.aiaops.telemetry;

/**
 * A latency bound that roll-ups count requests within, as one integer key: {@code t ≥ 0} counts requests taking at
 * most {@code t} ms (good if ≤ t), {@code -t} counts those taking less than {@code t} ms (good if < t). Latencies are
 * fractional milliseconds, so a request at exactly the bound is good under one and bad under the other: a latency
 * SLO "< 500 ms" and one "≤ 500 ms" are different SLOs, counted apart.
 */
public final class LatencyBound {
    private LatencyBound() {
    }

    /** The key of a bound of {@code thresholdMillis} (≥ 1), strict or not. */
    public static int key(int thresholdMillis, boolean strict) {
        if (thresholdMillis < 1) {
            throw new IllegalArgumentException("a latency bound is at least 1 ms");
        }
        return strict ? -thresholdMillis : thresholdMillis;
    }

    /** Whether a request of {@code latencyMillis} is within the bound {@code key}. */
    static boolean within(int key, double latencyMillis) {
        return key >= 0 ? latencyMillis <= key : latencyMillis < -key;
    }
}
