package com.aiaops.slo;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An SLO's state at one instant: the SLI over its window, the error budget in ratio and minutes, the
 * burn rate over each alert window, and which alerts fire.
 */
public record SloStatus(State state, Instant windowStart, Instant windowEnd, Instant evaluatedAt, double target,
                        Double sli, long goodEvents, long totalEvents, Long goodSlices, Long badSlices,
                        double budgetMinutes, double budgetConsumed, double budgetRemaining,
                        double budgetRemainingMinutes, List<BurnRate> burnRates, List<Alert> alerts) {

    /**
     * NO_DATA: no event in the window (its own state, never "healthy"). EXHAUSTED: the budget is spent.
     * CRITICAL: a paging alert fires. WARNING: a ticket alert fires. HEALTHY otherwise.
     */
    @Schema(name = "SloState")
    public enum State { NO_DATA, HEALTHY, WARNING, CRITICAL, EXHAUSTED }

    public record BurnRate(String window, long events, double errorRatio, double burnRate) {
    }

    public record Alert(String longWindow, String shortWindow, double factor, BurnRateRule.Severity severity,
                        double longBurnRate, double shortBurnRate, boolean firing, boolean suppressedForLowTraffic) {
    }

    public boolean budgetExhausted() {
        return state == State.EXHAUSTED;
    }
}
