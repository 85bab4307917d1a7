package com.aiaops.telemetry;

import com.aiaops.shared.InstantText;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One request as a client reports it: the service (by slug), when, and either its HTTP status or an
 * explicit outcome, with its latency if known. A request is good unless it failed on the server side
 * (status 5xx, or outcome BAD): client errors (4xx) do not spend the service's error budget.
 */
public record Observation(@NotNull @Size(max = 63) String service, @NotNull Instant timestamp, @Min(100) @Max(599) Integer status,
                          Outcome outcome, @DecimalMin("0") @DecimalMax("3600000") Double latencyMs) {
    public enum Outcome { GOOD, BAD }

    public boolean isGood() {
        if (outcome != null) {
            return outcome == Outcome.GOOD;
        }
        return status < 500;
    }

    /**
     * A stable text of this observation, for the batch digest that tells a retry from a different batch: unchanged since
     * the first release ({@code service|timestamp|status|outcome|latencyMs}, null as "null"), so a retry across an upgrade
     * is still known.
     */
    void appendCanonical(StringBuilder text) {
        InstantText.append(text.append(service).append('|'), timestamp).append('|').append(status).append('|').append(outcome).append('|').append(latencyMs);
    }
}
