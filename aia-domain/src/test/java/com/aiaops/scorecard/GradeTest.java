package com.aiaops.scorecard;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GradeTest {
    private static List<Pillar> pillars(Pillar.Status... statuses) {
        return Arrays.stream(statuses).map(s -> new Pillar(Pillar.Name.QUALITY, "t", 1.0, 1.0, "%", s, "")).toList();
    }

    @Test
    void everyTargetExceededIsAPlusAndEachPillarBelowCostsALetter() {
        assertEquals("A+", Grade.of(pillars(Pillar.Status.EXCEEDING, Pillar.Status.EXCEEDING)));
        assertEquals("A", Grade.of(pillars(Pillar.Status.EXCEEDING, Pillar.Status.MET, Pillar.Status.NO_DATA)));
        assertEquals("B", Grade.of(pillars(Pillar.Status.BELOW, Pillar.Status.MET)));
        assertEquals("C", Grade.of(pillars(Pillar.Status.BELOW, Pillar.Status.BELOW, Pillar.Status.EXCEEDING)));
        assertEquals("F", Grade.of(pillars(Pillar.Status.BELOW, Pillar.Status.BELOW, Pillar.Status.BELOW, Pillar.Status.BELOW)));
        assertEquals("N/A", Grade.of(pillars(Pillar.Status.NO_DATA)));
    }

    @Test
    void exactlyOnTargetIsMetAndBetterIsExceeding() {
        assertEquals(Pillar.Status.MET, Pillar.higherIsBetter(99.9, 99.9));
        assertEquals(Pillar.Status.EXCEEDING, Pillar.higherIsBetter(99.95, 99.9));
        assertEquals(Pillar.Status.BELOW, Pillar.lowerIsBetter(250, 200));
        assertEquals(Pillar.Status.MET, Pillar.lowerIsBetter(0, 0));
    }
}
