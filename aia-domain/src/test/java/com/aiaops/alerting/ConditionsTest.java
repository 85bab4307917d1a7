package com.aiaops.alerting;

import com.aiaops.checks.CheckStatus;
import com.aiaops.incident.Severity;
import com.aiaops.slo.BurnRateRule;
import com.aiaops.slo.SloStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionsTest {
    @Test
    void latencyBreachesAboveTheBoundOnlyWithEnoughRequests() {
        assertTrue(Conditions.latency("p95", 812.0, 100, 500, 20, "5m", Urgency.PAGE, Severity.P2).breaching());
        assertFalse(Conditions.latency("p95", 500.0, 100, 500, 20, "5m", Urgency.PAGE, Severity.P2).breaching());
        Verdict quiet = Conditions.latency("p95", 9_000.0, 3, 500, 20, "5m", Urgency.PAGE, Severity.P2);
        assertFalse(quiet.breaching());
        assertEquals("3 requests in the last 5m, fewer than the 20 needed to judge", quiet.summary());
    }

    @Test
    void errorRateIsFailedOverAllRequests() {
        Verdict v = Conditions.errorRate(1000, 985, 0.01, 20, "5m", Urgency.TICKET, Severity.P3);
        assertTrue(v.breaching());
        assertEquals(0.015, v.value(), 1e-12);
        assertEquals(Urgency.TICKET, v.urgency());
        assertFalse(Conditions.errorRate(1000, 990, 0.01, 20, "5m", Urgency.PAGE, Severity.P2).breaching());
        assertNull(Conditions.errorRate(0, 0, 0.01, 0, "5m", Urgency.PAGE, Severity.P2).value());
    }

    @Test
    void aCheckPagesOnlyWhenDown() {
        assertTrue(Conditions.checkDown("home", CheckStatus.DOWN, "HTTP 500", Urgency.PAGE, Severity.P1).breaching());
        assertFalse(Conditions.checkDown("home", CheckStatus.UNKNOWN, null, Urgency.PAGE, Severity.P1).breaching());
        assertFalse(Conditions.checkDown("home", CheckStatus.UP, null, Urgency.PAGE, Severity.P1).breaching());
    }

    private static SloStatus.Alert pair(String longWindow, String shortWindow, double factor, BurnRateRule.Severity severity, boolean firing) {
        return new SloStatus.Alert(longWindow, shortWindow, factor, severity, factor * 1.5, factor * 1.2, firing, false);
    }

    private static SloStatus status(SloStatus.State state, double remaining, SloStatus.Alert... alerts) {
        return new SloStatus(state, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, 0.999, 0.99, 990, 1000, null, null, 43.2,
                1 - remaining, remaining, 43.2 * remaining, List.of(new SloStatus.BurnRate("1h", 1000, 0.01, 10)), List.of(alerts));
    }

    @Test
    void theFastestFiringPairSetsUrgencyAndSuggestedSeverity() {
        SloStatus.Alert fast = pair("1h", "5m", 14.4, BurnRateRule.Severity.PAGE, true);
        SloStatus.Alert slow = pair("6h", "30m", 6, BurnRateRule.Severity.PAGE, true);
        SloStatus.Alert ticket = pair("3d", "6h", 1, BurnRateRule.Severity.TICKET, true);

        Verdict both = Conditions.burnRate("checkout", status(SloStatus.State.CRITICAL, 0.4, fast, slow, ticket));
        assertEquals(Urgency.PAGE, both.urgency());
        assertEquals(Severity.P1, both.suggestedSeverity());
        assertTrue(both.summary().contains("factor 14.4×"), both.summary());

        assertEquals(Severity.P0, Conditions.burnRate("checkout", status(SloStatus.State.EXHAUSTED, 0, fast)).suggestedSeverity());
        assertEquals(Severity.P2, Conditions.burnRate("checkout", status(SloStatus.State.CRITICAL, 0.5,
                pair("1h", "5m", 14.4, BurnRateRule.Severity.PAGE, false), slow)).suggestedSeverity());
        Verdict ticketOnly = Conditions.burnRate("checkout", status(SloStatus.State.WARNING, 0.8, ticket));
        assertEquals(Urgency.TICKET, ticketOnly.urgency());
        assertEquals(Severity.P3, ticketOnly.suggestedSeverity());
        assertFalse(Conditions.burnRate("checkout", status(SloStatus.State.HEALTHY, 0.9,
                pair("1h", "5m", 14.4, BurnRateRule.Severity.PAGE, false))).breaching());
    }
}
