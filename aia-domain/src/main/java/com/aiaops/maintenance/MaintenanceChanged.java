package com.aiaops.maintenance;

import java.util.List;
import java.util.UUID;

/**
 * Fired in the transaction that announced or cancelled a maintenance window, for whatever counted these services'
 * maintenance to count it again (a window of the whole organisation: all its services, found in that transaction).
 */
public record MaintenanceChanged(UUID organizationId, List<UUID> serviceIds) {
}
