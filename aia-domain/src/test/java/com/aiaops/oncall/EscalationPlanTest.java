package com.aiaops.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationPlanTest {
    private static final Instant T0 = Instant.parse("2026-11-01T03:00:00Z");
    private static final EscalationPlan.Target ENGINEER = new EscalationPlan.Target(EscalationPlan.TargetType.SCHEDULE, UUID.randomUUID());
    private static final EscalationPlan.Target SENIOR = new EscalationPlan.Target(EscalationPlan.TargetType.MEMBER, UUID.randomUUID());
    private static final EscalationPlan.Target CTO = new EscalationPlan.Target(EscalationPlan.TargetType.MEMBER, UUID.randomUUID());

    /** Engineer for 15 minutes, then the senior for 30, then the CTO for 60; once round again. */
    private static EscalationPlan plan() {
        return new EscalationPlan(List.of(new EscalationPlan.Step(Duration.ofMinutes(15), List.of(ENGINEER)),
                new EscalationPlan.Step(Duration.ofMinutes(30), List.of(SENIOR)),
                new EscalationPlan.Step(Duration.ofMinutes(60), List.of(CTO))), 1);
    }

    @Test
    void each_step_waits_its_delay_before_the_next() {
        assertEquals(List.of(ENGINEER), plan().positionAt(T0, T0).targets());
        assertEquals(T0.plus(Duration.ofMinutes(15)), plan().positionAt(T0, T0).nextEscalationAt());
        assertEquals(List.of(ENGINEER), plan().positionAt(T0, T0.plus(Duration.ofMinutes(14))).targets());
        assertEquals(List.of(SENIOR), plan().positionAt(T0, T0.plus(Duration.ofMinutes(15))).targets());
        assertEquals(List.of(CTO), plan().positionAt(T0, T0.plus(Duration.ofMinutes(45))).targets());
    }

    @Test
    void the_policy_repeats_then_stays_on_its_last_step() {
        EscalationPlan.Position secondLoop = plan().positionAt(T0, T0.plus(Duration.ofMinutes(105)));
        assertEquals(0, secondLoop.stepIndex());
        assertEquals(1, secondLoop.loop());
        EscalationPlan.Position end = plan().positionAt(T0, T0.plus(Duration.ofDays(1)));
        assertEquals(List.of(CTO), end.targets());
        assertTrue(end.exhausted());
        assertNull(end.nextEscalationAt());
        assertEquals(T0.plus(Duration.ofMinutes(105 + 45)), end.since());
    }

    @Test
    void a_policy_needs_steps_with_delays_and_targets() {
        assertThrows(IllegalArgumentException.class, () -> new EscalationPlan(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new EscalationPlan.Step(Duration.ZERO, List.of(CTO)));
        assertThrows(IllegalArgumentException.class, () -> new EscalationPlan.Step(Duration.ofMinutes(5), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new EscalationPlan(plan().steps(), 10));
    }
}
