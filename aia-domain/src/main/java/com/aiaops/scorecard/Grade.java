package com.aiaops.scorecard;

import java.util.List;

/**
 * The overall grade of a scorecard, from the pillars that have data: A+ when every one exceeds its target, A when
 * none is below, then one letter down per pillar below (B, C, D, F). N/A when no pillar has data.
 */
public final class Grade {
    private Grade() {
    }

    public static String of(List<Pillar> pillars) {
        List<Pillar.Status> judged = pillars.stream().map(Pillar::status).filter(s -> s != Pillar.Status.NO_DATA).toList();
        if (judged.isEmpty()) {
            return "N/A";
        }
        long below = judged.stream().filter(s -> s == Pillar.Status.BELOW).count();
        if (below == 0) {
            return judged.stream().allMatch(s -> s == Pillar.Status.EXCEEDING) ? "A+" : "A";
        }
        return switch ((int) below) {
            case 1 -> "B";
            case 2 -> "C";
            case 3 -> "D";
            default -> "F";
        };
    }
}
