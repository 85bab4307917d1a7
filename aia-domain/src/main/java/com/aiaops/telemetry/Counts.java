package com.aiaops.telemetry;

/** Exact event counts over some span: how many requests there were and how many were good. */
public record Counts(long good, long total) {
    public static final Counts NONE = new Counts(0, 0);

    public Counts {
        if (good < 0 || total < 0 || good > total) {
            throw new IllegalArgumentException("counts need 0 <= good <= total, got " + good + "/" + total);
        }
    }

    public long bad() {
        return total - good;
    }

    public boolean hasData() {
        return total > 0;
    }

    /** The share of bad events; 0 without data. */
    public double errorRatio() {
        return total == 0 ? 0 : (double) bad() / total;
    }

    public Counts plus(Counts other) {
        return new Counts(Math.addExact(good, other.good), Math.addExact(total, other.total));
    }

    /** These counts without a part of them (the requests of a maintenance window inside the span). */
    public Counts minus(Counts part) {
        return new Counts(Math.subtractExact(good, part.good), Math.subtractExact(total, part.total));
    }
}
