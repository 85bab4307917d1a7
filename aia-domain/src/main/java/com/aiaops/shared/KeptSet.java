package com.aiaops.shared;

import java.util.UUID;

/**
 * An organisation's set of objects of one kind (its services, its incidents), about which answers are kept until one of
 * them changes. Entities that are {@linkplain Member members} have every committed change announced for them
 * ({@code telemetry.KeptSetChanges}); a change that no entity event of the kind shows announces itself ({@link Changed}).
 */
public final class KeptSet {
    private KeptSet() {
    }

    /** An entity whose committed changes renew the answers kept about its organisation's set of its kind. */
    public interface Member {
        UUID organizationId();
    }

    /**
     * Answers about the organisation's set of this kind changed without an entity event of the kind: members changed by a
     * bulk statement, or something else the kind's answers hold (an on-call override) changed. Fire it in that transaction.
     */
    public record Changed(UUID organizationId, Class<? extends Member> kind) {
    }

    /** The name of the organisation's set of this kind, under which answers about it are kept. */
    public static String of(Class<? extends Member> kind) {
        return kind.getSimpleName();
    }
}
