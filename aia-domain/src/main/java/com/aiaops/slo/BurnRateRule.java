package com.aiaops.slo;

import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One multi-window burn-rate alert: it fires when the error budget burns faster than {@code factor}
 * over both the long and the short window (the short one makes it reset quickly once the burn stops).
 */
public record BurnRateRule(Duration longWindow, Duration shortWindow, double factor, Severity severity) {
    @Schema(name = "AlertSeverity")
    public enum Severity { PAGE, TICKET }

    /** A budget burning 10,000 times too fast is spent within minutes of any window: a larger factor never fires. */
    public static final double MAX_FACTOR = 10_000;

    public BurnRateRule {
        if (shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException("the short window must be shorter than the long one");
        }
        if (factor <= 0) {
            throw new IllegalArgumentException("a burn-rate factor must be positive");
        }
    }

    /** The SRE Workbook's defaults for a 30-day SLO: 2 %, 5 % and 10 % of the budget. */
    public static List<BurnRateRule> workbookDefaults() {
        return List.of(
                new BurnRateRule(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, Severity.PAGE),
                new BurnRateRule(Duration.ofHours(6), Duration.ofMinutes(30), 6, Severity.PAGE),
                new BurnRateRule(Duration.ofDays(3), Duration.ofHours(6), 1, Severity.TICKET));
    }

    /** The share of a period's error budget this rule lets burn before it fires (2 % for 14.4× over 1 h of 30 d). */
    public double budgetShareConsumed(Duration sloPeriod) {
        return factor * longWindow.toMinutes() / (double) sloPeriod.toMinutes();
    }
}
