package com.aiaops.telemetry;

import com.aiaops.shared.InstantText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * One minute of one service, counted by the client: total and good requests and, optionally, how many
 * requests took each latency (milliseconds), so that percentiles and threshold counts stay exact.
 */
public record MinuteAggregate(@NotNull @Size(max = 63) String service, @NotNull Instant minute,
                              @NotNull @Min(0) @Max(Rollup.MAX_REQUESTS_PER_MINUTE) Long total,
                              @NotNull @Min(0) @Max(Rollup.MAX_REQUESTS_PER_MINUTE) Long good,
                              @Size(max = TelemetryIngest.MAX_LATENCY_VALUES) List<@NotNull @Valid LatencyCount> latencies) {
    /** {@code count} requests that took {@code ms} milliseconds. */
    public record LatencyCount(@NotNull @DecimalMin("0") @DecimalMax("3600000") Double ms,
                               @NotNull @Min(1) @Max(Rollup.MAX_REQUESTS_PER_MINUTE) Long count) {
    }

    /** The minute as the batch digest reads it (the text it has always had, so retries across versions still match). */
    void appendCanonical(StringBuilder text) {
        InstantText.append(text.append(service).append('|'), minute).append('|').append(total).append('|').append(good).append('|');
        if (latencies == null) {
            text.append("null");
            return;
        }
        text.append('[');
        for (int i = 0; i < latencies.size(); i++) {
            LatencyCount latency = latencies.get(i);
            text.append(i == 0 ? "" : ", ").append("LatencyCount[ms=").append(latency.ms()).append(", count=").append(latency.count()).append(']');
        }
        text.append(']');
    }
}
