package com.aiaops.incident;

import java.util.EnumSet;
import java.util.Set;

/** The life cycle of an incident and the moves it allows. */
public enum IncidentState {
    TRIGGERED, ACKNOWLEDGED, MITIGATED, RESOLVED, POSTMORTEM, CLOSED;

    /** Where an incident may go from here: resolving early is allowed, and a resolved incident may be reopened. */
    public Set<IncidentState> next() {
        return switch (this) {
            case TRIGGERED -> EnumSet.of(ACKNOWLEDGED, RESOLVED);
            case ACKNOWLEDGED -> EnumSet.of(MITIGATED, RESOLVED);
            case MITIGATED -> EnumSet.of(RESOLVED, ACKNOWLEDGED);
            case RESOLVED -> EnumSet.of(POSTMORTEM, CLOSED, TRIGGERED);
            case POSTMORTEM -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(IncidentState.class);
        };
    }

    public boolean isOpen() {
        return this == TRIGGERED || this == ACKNOWLEDGED || this == MITIGATED;
    }
}
