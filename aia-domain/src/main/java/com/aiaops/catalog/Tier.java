package com.aiaops.catalog;

import java.math.BigDecimal;

/** A service's contractual tier: its uptime SLA and the service credit owed when a month misses it. */
public enum Tier {
    STANDARD("99.9", 10),
    PRO("99.95", 25),
    ENTERPRISE("99.99", 50);

    private final BigDecimal uptimeSlaPercent;
    private final int serviceCreditPercent;

    Tier(String uptimeSlaPercent, int serviceCreditPercent) {
        this.uptimeSlaPercent = new BigDecimal(uptimeSlaPercent);
        this.serviceCreditPercent = serviceCreditPercent;
    }

    public BigDecimal uptimeSlaPercent() {
        return uptimeSlaPercent;
    }

    public int serviceCreditPercent() {
        return serviceCreditPercent;
    }

    /** Minutes of downtime the SLA allows in a period of this many minutes (43.2 for 99.9 % of 30 days). */
    public double allowedDowntimeMinutes(long periodMinutes) {
        return periodMinutes * (100.0 - uptimeSlaPercent.doubleValue()) / 100.0;
    }
}
