package com.aiaops.maintenance;

import java.time.Instant;
import java.util.UUID;

/** Fired in the transaction that announced a maintenance window (serviceId null: every component). */
public record MaintenanceAnnounced(UUID organizationId, UUID windowId, UUID serviceId, String title, Instant startsAt, Instant endsAt) {
}
