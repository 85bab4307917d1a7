package com.aiaops.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;

/**
 * A month's spend against its budget: the month-end forecast extends the spend so far at its average rate over
 * the part of the month the cost data covers; adherence is forecast / budget, and within ±10 % is on budget.
 */
public record BudgetForecast(BigDecimal budget, BigDecimal actual, BigDecimal forecast, double adherence, Status status,
                             Instant coveredUntil) {
    public enum Status { UNDER, ON_BUDGET, OVER }

    static final double BAND = 0.10;

    public static BudgetForecast of(BigDecimal budget, BigDecimal actual, Instant monthStart, Instant monthEnd, Instant coveredUntil) {
        BigDecimal forecast = actual;
        if (coveredUntil != null && coveredUntil.isAfter(monthStart) && coveredUntil.isBefore(monthEnd)) {
            double covered = Duration.between(monthStart, coveredUntil).toSeconds();
            double month = Duration.between(monthStart, monthEnd).toSeconds();
            forecast = actual.multiply(BigDecimal.valueOf(month / covered), MathContext.DECIMAL64);
        }
        double adherence = budget.signum() == 0 ? Double.POSITIVE_INFINITY : forecast.doubleValue() / budget.doubleValue();
        Status status = adherence > 1 + BAND ? Status.OVER : adherence < 1 - BAND ? Status.UNDER : Status.ON_BUDGET;
        return new BudgetForecast(budget, actual, forecast.setScale(2, java.math.RoundingMode.HALF_UP), adherence, status,
                coveredUntil);
    }

    /** Spent beyond the budget already, whatever the forecast says. */
    public boolean exceeded() {
        return actual.compareTo(budget) > 0;
    }
}
