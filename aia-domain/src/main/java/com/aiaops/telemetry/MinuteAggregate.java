package com.aiaops.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * One minute of one service, counted by the client: total and good requests and, optionally, how many
 * requests took each latency (milliseconds), so that percentiles and threshold counts stay exact.
 */
public record MinuteAggregate(String service, Instant minute, Long total, Long good, List<LatencyCount> latencies) {
    /** {@code count} requests that took {@code ms} milliseconds. */
    public record LatencyCount(Double ms, Long count) {
    }

    String canonical() {
        return service + "|" + minute + "|" + total + "|" + good + "|" + latencies;
    }
}
