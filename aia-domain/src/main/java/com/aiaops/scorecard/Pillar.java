package com.aiaops.scorecard;

/** One pillar's result: its target and current value (in {@code unit}), and how they compare. */
public record Pillar(Name name, String target, Double targetValue, Double current, String unit, Status status, String detail) {
    public enum Name { RELIABILITY, PERFORMANCE, QUALITY, SECURITY, COST }

    /** EXCEEDING: better than the target; MET: exactly at it; BELOW: worse; NO_DATA: nothing to judge by. */
    public enum Status { EXCEEDING, MET, BELOW, NO_DATA }

    static Pillar noData(Name name, String target, Double targetValue, String unit, String why) {
        return new Pillar(name, target, targetValue, null, unit, Status.NO_DATA, why);
    }

    /** Higher is better (uptime). */
    static Status higherIsBetter(double current, double target) {
        int c = Double.compare(current, target);
        return c > 0 ? Status.EXCEEDING : c == 0 ? Status.MET : Status.BELOW;
    }

    /** Lower is better (latency, error rate, findings, adherence). */
    static Status lowerIsBetter(double current, double target) {
        return higherIsBetter(target, current);
    }
}
