package com.aiaops.incident;

import com.aiaops.shared.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncidentTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static Incident incident(Severity severity, Instant at) {
        return new Incident(UUID.randomUUID(), "checkout errors", severity, List.of(UUID.randomUUID()), at);
    }

    @Test
    void the_life_cycle_stamps_each_step() {
        Incident i = incident(Severity.P1, T0);
        i.moveTo(IncidentState.ACKNOWLEDGED, T0.plusSeconds(300));
        i.moveTo(IncidentState.MITIGATED, T0.plusSeconds(900));
        i.moveTo(IncidentState.RESOLVED, T0.plusSeconds(1800));
        i.moveTo(IncidentState.POSTMORTEM, T0.plusSeconds(3600));
        i.moveTo(IncidentState.CLOSED, T0.plusSeconds(7200));
        assertEquals(T0.plusSeconds(300), i.acknowledgedAt());
        assertEquals(T0.plusSeconds(900), i.mitigatedAt());
        assertEquals(T0.plusSeconds(1800), i.resolvedAt());
        assertEquals(T0.plusSeconds(7200), i.closedAt());
        assertEquals(IncidentState.CLOSED, i.state());
    }

    @Test
    void moves_the_life_cycle_does_not_allow_are_refused() {
        Incident i = incident(Severity.P2, T0);
        assertThrows(ConflictException.class, () -> i.moveTo(IncidentState.MITIGATED, T0));
        assertThrows(ConflictException.class, () -> i.moveTo(IncidentState.CLOSED, T0));
        assertThrows(ConflictException.class, () -> i.moveTo(IncidentState.TRIGGERED, T0));
        i.moveTo(IncidentState.RESOLVED, T0.plusSeconds(60));
        i.moveTo(IncidentState.CLOSED, T0.plusSeconds(120));
        for (IncidentState any : IncidentState.values()) {
            assertThrows(ConflictException.class, () -> i.moveTo(any, T0.plusSeconds(180)));
        }
    }

    @Test
    void reopening_clears_the_resolution_but_keeps_the_first_acknowledgement() {
        Incident i = incident(Severity.P1, T0);
        i.moveTo(IncidentState.ACKNOWLEDGED, T0.plusSeconds(60));
        i.moveTo(IncidentState.RESOLVED, T0.plusSeconds(600));
        i.moveTo(IncidentState.TRIGGERED, T0.plusSeconds(900));
        assertNull(i.resolvedAt());
        i.moveTo(IncidentState.ACKNOWLEDGED, T0.plusSeconds(960));
        assertEquals(T0.plusSeconds(60), i.acknowledgedAt());
    }

    @Test
    void response_slas_follow_severity() {
        assertEquals(Duration.ofMinutes(15), Severity.P0.responseSla());
        assertEquals(Duration.ofHours(24), Severity.P3.responseSla());
        Incident p0 = incident(Severity.P0, T0);
        assertEquals(T0.plus(Duration.ofMinutes(15)), p0.responseDueAt());
        assertFalse(p0.responseSlaMissed(T0.plus(Duration.ofMinutes(14))));
        assertTrue(p0.responseSlaMissed(T0.plus(Duration.ofMinutes(16))), "still unacknowledged after 16 minutes");
        p0.moveTo(IncidentState.ACKNOWLEDGED, T0.plus(Duration.ofMinutes(10)));
        assertFalse(p0.responseSlaMissed(T0.plus(Duration.ofDays(1))));
    }

    @Test
    void mtta_mttr_and_mtbf_are_means_over_the_incidents() {
        Incident a = incident(Severity.P1, T0);
        a.moveTo(IncidentState.ACKNOWLEDGED, T0.plus(Duration.ofMinutes(4)));
        a.moveTo(IncidentState.RESOLVED, T0.plus(Duration.ofMinutes(60)));
        Incident b = incident(Severity.P1, T0.plus(Duration.ofHours(10)));
        b.moveTo(IncidentState.ACKNOWLEDGED, T0.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(8)));
        b.moveTo(IncidentState.RESOLVED, T0.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(120)));
        Incident c = incident(Severity.P0, T0.plus(Duration.ofHours(20)));
        IncidentMetrics m = IncidentMetrics.of(List.of(a, b, c), T0.plus(Duration.ofHours(21)));
        assertEquals(3, m.incidents());
        assertEquals(Duration.ofMinutes(6), m.mtta());
        assertEquals(Duration.ofMinutes(90), m.mttr());
        assertEquals(Duration.ofHours(10), m.mtbf());
        assertEquals(1, m.responseSlaMissed(), "c has waited an hour for its 15-minute acknowledgement");
        assertNull(IncidentMetrics.of(List.of(), T0).mtta());
    }

    @Test
    void the_response_sla_answer_holds_until_the_due_time_while_unacknowledged_then_for_ever() {
        Incident waiting = incident(Severity.P0, T0);
        Instant due = T0.plus(Duration.ofMinutes(15));
        for (Instant now : List.of(T0, due.minusNanos(1), due)) {
            assertEquals(due, waiting.responseSlaMissedHoldsUntil(now));
            assertFalse(waiting.responseSlaMissed(now));
            assertFalse(waiting.responseSlaMissed(waiting.responseSlaMissedHoldsUntil(now)), "still the same answer at the last instant");
        }
        // One nanosecond past due it turns, and then never turns back.
        assertTrue(waiting.responseSlaMissed(due.plusNanos(1)));
        assertEquals(Instant.MAX, waiting.responseSlaMissedHoldsUntil(due.plusNanos(1)));
        assertTrue(waiting.responseSlaMissed(Instant.parse("+1000000000-12-31T23:59:59.999999999Z")));

        Incident acknowledged = incident(Severity.P0, T0);
        acknowledged.moveTo(IncidentState.ACKNOWLEDGED, T0.plusSeconds(60));
        assertEquals(Instant.MAX, acknowledged.responseSlaMissedHoldsUntil(T0.plusSeconds(60)));
        assertFalse(acknowledged.responseSlaMissed(due.plus(Duration.ofDays(3650))));
        // Resolved without an acknowledgement, it is still judged by the time: missed once past due.
        Incident resolvedUnacknowledged = incident(Severity.P1, T0);
        resolvedUnacknowledged.moveTo(IncidentState.RESOLVED, T0.plusSeconds(60));
        assertEquals(T0.plus(Duration.ofHours(1)), resolvedUnacknowledged.responseSlaMissedHoldsUntil(T0.plusSeconds(120)));
    }
}
