package com.aiaops.statuspage;

import java.util.Collection;

/** A component's status, as Cachet and Statuspage name them, from best to worst. */
public enum ComponentStatus {
    OPERATIONAL, UNDER_MAINTENANCE, DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, MAJOR_OUTAGE;

    public ComponentStatus worse(ComponentStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * The whole system's status: a major outage when at least 25 % of the components are in one; otherwise the worst
     * problem (a major outage of fewer than 25 % shows as a partial outage of the whole); maintenance when nothing is
     * wrong but something is being maintained; operational otherwise.
     */
    public static ComponentStatus overall(Collection<ComponentStatus> components) {
        if (components.isEmpty()) {
            return OPERATIONAL;
        }
        long major = components.stream().filter(s -> s == MAJOR_OUTAGE).count();
        if (major * 4 >= components.size() && major > 0) {
            return MAJOR_OUTAGE;
        }
        if (major > 0) {
            return PARTIAL_OUTAGE;
        }
        ComponentStatus worst = components.stream().reduce(OPERATIONAL, ComponentStatus::worse);
        return worst;
    }
}
