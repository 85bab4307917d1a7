/**
 * Synthetic checks: HTTP probes of a URL at an interval, with a timeout, an expected status and retries
 * before "down". Each run is claimed once across the cluster through the database, recorded for uptime,
 * and fed into the service's telemetry as an availability observation.
 */
package com.aiaops.checks;
