package com.aiaops.checks;

import java.time.Instant;

/**
 * The outcome of one run of a check (after its in-run attempts); a TLS check also says when the certificate it saw
 * expires.
 */
public record CheckRun(Instant at, boolean up, Integer httpStatus, Double latencyMillis, int attempts, String error,
                       Instant certificateExpiresAt) {
    public CheckRun(Instant at, boolean up, Integer httpStatus, Double latencyMillis, int attempts, String error) {
        this(at, up, httpStatus, latencyMillis, attempts, error, null);
    }
}
