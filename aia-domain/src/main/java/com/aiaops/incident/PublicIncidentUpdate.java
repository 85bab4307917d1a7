package com.aiaops.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fired (synchronously, in the transaction that wrote it) when an incident's timeline gets an entry the public may
 * see, so that the status page's subscribers hear of it exactly when it was committed.
 */
public record PublicIncidentUpdate(UUID organizationId, UUID incidentId, String publicTitle, List<UUID> serviceIds,
                                   String state, Instant at, String text) {
}
