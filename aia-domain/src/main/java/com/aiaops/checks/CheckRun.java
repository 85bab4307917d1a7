package com.aiaops.checks;

import java.time.Instant;

/** The outcome of one run of a check (after its in-run attempts). */
public record CheckRun(Instant at, boolean up, Integer httpStatus, Double latencyMillis, int attempts, String error) {
}
