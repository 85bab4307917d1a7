package com.aiaops.telemetry;

import java.util.Set;
import java.util.UUID;

/**
 * The latency thresholds whose exact counts a service's roll-ups keep (those its SLOs measure against). Telemetry asks;
 * the SLO capability answers, so telemetry does not depend on SLOs.
 */
public interface TrackedThresholds {
    Set<Integer> of(UUID organizationId, UUID serviceId);
}
