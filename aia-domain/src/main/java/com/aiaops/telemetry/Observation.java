package com.aiaops.telemetry;

import java.time.Instant;

/**
 * One request as a client reports it: the service (by slug), when, and either its HTTP status or an
 * explicit outcome, with its latency if known. A request is good unless it failed on the server side
 * (status 5xx, or outcome BAD): client errors (4xx) do not spend the service's error budget.
 */
public record Observation(String service, Instant timestamp, Integer status, Outcome outcome, Double latencyMs) {
    public enum Outcome { GOOD, BAD }

    public boolean isGood() {
        if (outcome != null) {
            return outcome == Outcome.GOOD;
        }
        return status < 500;
    }

    /** A stable text of this observation, for the batch digest that tells a retry from a different batch. */
    String canonical() {
        return service + "|" + timestamp + "|" + status + "|" + outcome + "|" + latencyMs;
    }
}
