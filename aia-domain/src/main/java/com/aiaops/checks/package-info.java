/**
 * Synthetic checks: HTTP probes (status, keyword, JSON value), TCP ports, TLS certificates (verified, expiring)
 * at an interval, with a timeout and retries before "down"; and heartbeats, which jobs push to a secret address. Each run is claimed once across the cluster through the database, recorded for uptime,
 * and fed into the service's telemetry as an availability observation.
 */
package com.aiaops.checks;
