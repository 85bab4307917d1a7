package com.aiaops.catalog;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TierTest {
    private static final long THIRTY_DAYS_IN_MINUTES = 30L * 24 * 60;

    @Test
    void tiers_carry_the_handbooks_slas_and_credits() {
        assertEquals(new BigDecimal("99.9"), Tier.STANDARD.uptimeSlaPercent());
        assertEquals(new BigDecimal("99.95"), Tier.PRO.uptimeSlaPercent());
        assertEquals(new BigDecimal("99.99"), Tier.ENTERPRISE.uptimeSlaPercent());
        assertEquals(10, Tier.STANDARD.serviceCreditPercent());
        assertEquals(25, Tier.PRO.serviceCreditPercent());
        assertEquals(50, Tier.ENTERPRISE.serviceCreditPercent());
    }

    @Test
    void allowed_downtime_over_thirty_days() {
        assertEquals(43.2, Tier.STANDARD.allowedDowntimeMinutes(THIRTY_DAYS_IN_MINUTES), 1e-9);
        assertEquals(21.6, Tier.PRO.allowedDowntimeMinutes(THIRTY_DAYS_IN_MINUTES), 1e-9);
        assertEquals(4.32, Tier.ENTERPRISE.allowedDowntimeMinutes(THIRTY_DAYS_IN_MINUTES), 1e-9);
    }
}
