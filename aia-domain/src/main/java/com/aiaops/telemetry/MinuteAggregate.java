package com.aiaops.telemetry;

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

    String canonical() {
        return service + "|" + minute + "|" + total + "|" + good + "|" + latencies;
    }
}
