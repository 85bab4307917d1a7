package com.aiaops.slo;

import java.util.UUID;

/**
 * What names an SLO's cached status: the SLO, its organisation, the service whose telemetry it reads and the version of
 * its definition. Enough to find a status already computed without reading the SLO's row.
 */
public record SloRef(UUID id, UUID organizationId, UUID serviceId, long version) {

    public static SloRef of(Slo slo) {
        return new SloRef(slo.id(), slo.organizationId(), slo.serviceId(), slo.version());
    }

    /** As kept in the distributed cache: plain text, so no marshaller is needed on any node. */
    String asText() {
        return organizationId + "|" + serviceId + "|" + version;
    }

    static SloRef parse(UUID id, String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalStateException("malformed SLO reference for " + id + ": " + text);
        }
        return new SloRef(id, UUID.fromString(parts[0]), UUID.fromString(parts[1]), Long.parseLong(parts[2]));
    }
}
