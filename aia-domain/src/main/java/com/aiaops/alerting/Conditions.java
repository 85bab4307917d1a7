package com.aiaops.alerting;

import com.aiaops.checks.CheckStatus;
import com.aiaops.incident.Severity;
import com.aiaops.slo.BurnRateRule;
import com.aiaops.slo.SloStatus;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The conditions of alert rules as plain functions of what was observed, so each is tested on its own. */
public final class Conditions {
    private Conditions() {
    }

    /**
     * A latency percentile over the window above the bound. Fewer requests than the minimum is not a breach:
     * two slow requests at night should not page anyone.
     */
    public static Verdict latency(String quantileLabel, Double observedMs, long requests, double boundMs, long minimumRequests,
                                  String window, Urgency urgency, Severity severity) {
        if (requests < minimumRequests || observedMs == null) {
            return Verdict.clear(observedMs, String.format(Locale.ROOT, "%d requests in the last %s, fewer than the %d needed to judge",
                    requests, window, minimumRequests));
        }
        String summary = String.format(Locale.ROOT, "%s latency %.1f ms over the last %s (bound %.0f ms, %d requests)",
                quantileLabel, observedMs, window, boundMs, requests);
        return observedMs > boundMs ? new Verdict(true, observedMs, summary, urgency, severity) : Verdict.clear(observedMs, summary);
    }

    /** The error rate over the window above the bound (as a ratio: 0.01 is 1 %), with the same low-traffic guard. */
    public static Verdict errorRate(long requests, long goodRequests, double boundRatio, long minimumRequests, String window,
                                    Urgency urgency, Severity severity) {
        if (requests < minimumRequests || requests == 0) {
            return Verdict.clear(null, String.format(Locale.ROOT, "%d requests in the last %s, fewer than the %d needed to judge",
                    requests, window, Math.max(minimumRequests, 1)));
        }
        double rate = (requests - goodRequests) / (double) requests;
        String summary = String.format(Locale.ROOT, "error rate %.2f %% over the last %s (bound %.2f %%, %d requests)",
                rate * 100, window, boundRatio * 100, requests);
        return rate > boundRatio ? new Verdict(true, rate, summary, urgency, severity) : Verdict.clear(rate, summary);
    }

    /** A check that its own runs (with their retries) found down. */
    public static Verdict checkDown(String checkName, CheckStatus status, String lastError, Urgency urgency, Severity severity) {
        if (status == CheckStatus.DOWN) {
            return new Verdict(true, 0.0, "check " + checkName + " is down" + (lastError == null ? "" : ": " + lastError), urgency, severity);
        }
        return Verdict.clear(status == CheckStatus.UP ? 1.0 : null, "check " + checkName + " is " + status);
    }

    /**
     * The SLO's burn-rate pairs: the alert fires when any pair fires (both its windows above the factor, enough
     * events). Its urgency is that of the most urgent pair firing, and the severity it suggests follows the
     * fastest pair: see {@link #severityOf}.
     */
    public static Verdict burnRate(String sloName, SloStatus status) {
        Optional<SloStatus.Alert> fastest = status.alerts().stream().filter(SloStatus.Alert::firing)
                .max(Comparator.comparing((SloStatus.Alert a) -> a.severity() == BurnRateRule.Severity.PAGE)
                        .thenComparingDouble(SloStatus.Alert::factor));
        if (fastest.isEmpty()) {
            return Verdict.clear(status.burnRates().isEmpty() ? null : status.burnRates().get(0).burnRate(),
                    "SLO " + sloName + " is " + status.state() + "; no burn-rate alert fires");
        }
        SloStatus.Alert pair = fastest.get();
        String summary = String.format(Locale.ROOT, "SLO %s burns its error budget %.1f× over %s and %.1f× over %s (factor %s); %.1f %% of the budget left",
                sloName, pair.longBurnRate(), pair.longWindow(), pair.shortBurnRate(), pair.shortWindow(),
                trim(pair.factor()), status.budgetRemaining() * 100);
        Urgency urgency = pair.severity() == BurnRateRule.Severity.PAGE ? Urgency.PAGE : Urgency.TICKET;
        return new Verdict(true, pair.longBurnRate(), summary, urgency, severityOf(pair, status.budgetExhausted()));
    }

    /**
     * The incident severity a burn-rate pair suggests: a page at 10× or faster (the Workbook's 14.4× over 1 h: 2 %
     * of a month's budget in an hour) is P1, and P0 if the budget is already spent; a slower page (6× over 6 h) is
     * P2; a ticket (1× over 3 days) is P3.
     */
    static Severity severityOf(SloStatus.Alert pair, boolean budgetExhausted) {
        if (pair.severity() == BurnRateRule.Severity.TICKET) {
            return Severity.P3;
        }
        if (pair.factor() >= 10) {
            return budgetExhausted ? Severity.P0 : Severity.P1;
        }
        return Severity.P2;
    }

    private static String trim(double factor) {
        return java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + "×";
    }
}
