package com.aiaops.shared;

import java.util.UUID;

/**
 * An organisation's set of objects of one kind (its services, its incidents), about which answers are kept until one of
 * them changes. Entities that are {@linkplain Member members} have every committed change announced for them
 * ({@code telemetry.KeptSetChanges}); a bulk statement that changes members announces itself ({@link BulkChange}).
 */
public final class KeptSet {
    private KeptSet() {
    }

    /** An entity whose committed changes renew the answers kept about its organisation's set of its kind. */
    public interface Member {
        UUID organizationId();
    }

    /** Members of this kind in the organisation changed by a bulk statement: fire it in that statement's transaction. */
    public record BulkChange(UUID organizationId, Class<? extends Member> kind) {
    }

    /** The name of the organisation's set of this kind, under which answers about it are kept. */
    public static String of(Class<? extends Member> kind) {
        return kind.getSimpleName();
    }
}
