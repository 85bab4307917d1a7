package com.aiaops.cost;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetForecastTest {
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DECEMBER = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theForecastExtendsTheSpendOverTheCoveredPartOfTheMonth() {
        BudgetForecast f = BudgetForecast.of(new BigDecimal("1000"), new BigDecimal("300"), NOVEMBER, DECEMBER,
                Instant.parse("2026-11-10T00:00:00Z"));
        assertEquals(new BigDecimal("1000.00"), f.forecast()); // 300 over 9 days → 1000 over 30
        assertEquals(1.0, f.adherence(), 1e-12);
        assertEquals(BudgetForecast.Status.ON_BUDGET, f.status());
        assertFalse(f.exceeded());
    }

    @Test
    void theTenPercentBandSeparatesUnderOnBudgetAndOver() {
        assertEquals(BudgetForecast.Status.OVER, BudgetForecast.of(new BigDecimal("100"), new BigDecimal("111"), NOVEMBER, DECEMBER, DECEMBER).status());
        assertEquals(BudgetForecast.Status.ON_BUDGET, BudgetForecast.of(new BigDecimal("100"), new BigDecimal("110"), NOVEMBER, DECEMBER, DECEMBER).status());
        assertEquals(BudgetForecast.Status.ON_BUDGET, BudgetForecast.of(new BigDecimal("100"), new BigDecimal("90"), NOVEMBER, DECEMBER, DECEMBER).status());
        assertEquals(BudgetForecast.Status.UNDER, BudgetForecast.of(new BigDecimal("100"), new BigDecimal("89"), NOVEMBER, DECEMBER, DECEMBER).status());
        assertTrue(BudgetForecast.of(new BigDecimal("100"), new BigDecimal("100.01"), NOVEMBER, DECEMBER, DECEMBER).exceeded());
    }

    @Test
    void withoutCoverageTheForecastIsTheSpend() {
        BudgetForecast none = BudgetForecast.of(new BigDecimal("100"), BigDecimal.ZERO, NOVEMBER, DECEMBER, null);
        assertEquals(new BigDecimal("0.00"), none.forecast());
        assertEquals(BudgetForecast.Status.UNDER, none.status());
    }
}
