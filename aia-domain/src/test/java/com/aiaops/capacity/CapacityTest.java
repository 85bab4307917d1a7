package com.aiaops.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:30Z");

    /** The last {@code minutes} minutes before NOW at these levels. */
    private static TreeMap<Instant, ScalingTriggers.Minute> minutes(int minutes, double cpu, double memory) {
        TreeMap<Instant, ScalingTriggers.Minute> map = new TreeMap<>();
        Instant end = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int i = 1; i <= minutes; i++) {
            map.put(end.minus(Duration.ofMinutes(i)), new ScalingTriggers.Minute(cpu, memory, 4));
        }
        return map;
    }

    @Test
    void highCpuForFifteenMinutesScalesUpButFourteenIsNotEnoughCoverageOfAnHour() {
        TreeMap<Instant, ScalingTriggers.Minute> busy = minutes(15, 85, 40);
        ScalingTriggers.Verdict verdict = ScalingTriggers.DEFAULTS.evaluate(busy, NOW);
        assertEquals(ScalingTriggers.Decision.SCALE_UP, verdict.decision());
        assertTrue(verdict.reasons().get(0).startsWith("CPU above 70 % for 15 minutes"), verdict.reasons().toString());

        // One calm minute in the window: the condition did not hold *for* 15 minutes.
        busy.put(NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(7)), new ScalingTriggers.Minute(50, 40, 4));
        assertEquals(ScalingTriggers.Decision.HOLD, ScalingTriggers.DEFAULTS.evaluate(busy, NOW).decision());
    }

    @Test
    void memoryAloneScalesUpAndAQuietHourScalesDown() {
        assertEquals(ScalingTriggers.Decision.SCALE_UP, ScalingTriggers.DEFAULTS.evaluate(minutes(20, 20, 90), NOW).decision());
        assertEquals(ScalingTriggers.Decision.SCALE_DOWN, ScalingTriggers.DEFAULTS.evaluate(minutes(60, 10, 30), NOW).decision());
        // Quiet CPU but busy memory is not a reason to shrink.
        assertEquals(ScalingTriggers.Decision.HOLD, ScalingTriggers.DEFAULTS.evaluate(minutes(60, 10, 60), NOW).decision());
        // Half an hour of data is not an hour of calm.
        assertEquals(ScalingTriggers.Decision.HOLD, ScalingTriggers.DEFAULTS.evaluate(minutes(30, 10, 30), NOW).decision());
        assertEquals(ScalingTriggers.Decision.NO_DATA, ScalingTriggers.DEFAULTS.evaluate(minutes(5, 95, 95), NOW).decision());
    }

    @Test
    void triggersThatWouldFlapAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScalingTriggers(50, 80, 15, 60, 50, 60));
        assertThrows(IllegalArgumentException.class, () -> new ScalingTriggers(70, 80, 0, 30, 50, 60));
    }

    @Test
    void aLinearGrowthReachesCapacityWhenTheLineSays() {
        List<Double> peaks = new ArrayList<>();
        for (int day = 0; day < 28; day++) {
            peaks.add(day == 10 ? null : 100 + 5.0 * day); // +5 rps a day; one day without traffic
        }
        GrowthProjection g = GrowthProjection.fit(peaks, 300.0);
        assertEquals(5.0, g.slopeRpsPerDay(), 1e-9);
        assertEquals(1.0, g.rSquared(), 1e-9);
        assertEquals(235.0, g.projectedTodayRps(), 1e-9);
        assertEquals(13.0, g.daysUntilCapacity(), 1e-9); // (300 - 235) / 5
        assertEquals(27, g.days());

        assertNull(GrowthProjection.fit(List.of(200.0, 190.0, 180.0), 300.0).daysUntilCapacity()); // shrinking: never
        assertEquals(0.0, GrowthProjection.fit(List.of(300.0, 320.0), 300.0).daysUntilCapacity()); // already there
        assertNull(GrowthProjection.fit(List.of(100.0, 120.0), null).daysUntilCapacity());      // no capacity stated
    }
}
