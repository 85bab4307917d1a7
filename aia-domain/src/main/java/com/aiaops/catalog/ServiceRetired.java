package com.aiaops.catalog;

import java.util.UUID;

/** Fired when a service is retired; observers that remember services act once the retirement commits. */
public record ServiceRetired(UUID organizationId, UUID serviceId) {
}
