package com.aiaops.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The bucket sizes of the roll-ups. Every observation lands in one bucket of each. */
public enum Resolution {
    MINUTE(Duration.ofMinutes(1), ChronoUnit.MINUTES),
    HOUR(Duration.ofHours(1), ChronoUnit.HOURS),
    DAY(Duration.ofDays(1), ChronoUnit.DAYS);

    private final Duration size;
    private final ChronoUnit unit;

    Resolution(Duration size, ChronoUnit unit) {
        this.size = size;
        this.unit = unit;
    }

    public Duration size() {
        return size;
    }

    /** The start of the bucket holding {@code t} (UTC). */
    public Instant bucketOf(Instant t) {
        return t.truncatedTo(unit);
    }

    public boolean isAligned(Instant t) {
        return bucketOf(t).equals(t);
    }
}
