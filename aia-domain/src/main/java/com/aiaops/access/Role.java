package com.aiaops.access;

/**
 * What a member or an API key may do. ADMIN includes OPERATOR, which includes VIEWER. INGEST is a
 * separate scope for programs that only send telemetry.
 */
public enum Role {
    VIEWER(1), OPERATOR(2), ADMIN(3), INGEST(0);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** Whether a holder of this role may act where {@code required} is asked for. */
    public boolean grants(Role required) {
        if (this == INGEST || required == INGEST) {
            return this == required;
        }
        return rank >= required.rank;
    }

    public boolean isMemberRole() {
        return this != INGEST;
    }
}
