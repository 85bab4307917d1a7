package com.aiaops.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's clock: UTC. Time-dependent logic takes the produced {@link Clock}. On a server started with
 * {@code -Daia.clock.adjustable=true} (the integration-test server, never production) the clock can be moved
 * ahead, so escalations, backoffs and windows are tested without sleeping.
 */
@ApplicationScoped
public class ClockProducer {
    static final boolean ADJUSTABLE = Boolean.getBoolean("aia.clock.adjustable");
    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    @Produces
    public Clock clock() {
        return new MicrosecondClock(ADJUSTABLE ? new ShiftedClock(ZoneOffset.UTC) : Clock.systemUTC());
    }

    public static boolean adjustable() {
        return ADJUSTABLE;
    }

    /** How far the clock is ahead of real time. */
    public static Duration offset() {
        return OFFSET.get();
    }

    /** Sets how far the clock runs ahead of real time (never behind: time does not go back). */
    public static void setOffset(Duration offset) {
        if (!ADJUSTABLE) {
            throw new IllegalStateException("the clock is adjustable only on a test server (-Daia.clock.adjustable=true)");
        }
        if (offset.isNegative()) {
            throw new IllegalArgumentException("the clock can only be moved ahead");
        }
        if (offset.toDays() > 3650) {
            throw new IllegalArgumentException("the clock moves ahead by ten years at most");
        }
        OFFSET.set(offset);
    }

    /**
     * Instants in whole microseconds: what the databases store, so an instant reads back exactly as it was first shown.
     * (Not {@code Clock.tick}: on Java 17 its millis() divides by zero for ticks under a millisecond.)
     */
    private static final class MicrosecondClock extends Clock {
        private final Clock source;

        MicrosecondClock(Clock source) {
            this.source = source;
        }

        @Override
        public ZoneId getZone() {
            return source.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new MicrosecondClock(source.withZone(zone));
        }

        @Override
        public Instant instant() {
            return source.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return source.millis();
        }
    }

    /** System time plus the current offset, read at every call. */
    private static final class ShiftedClock extends Clock {
        private final ZoneId zone;

        ShiftedClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new ShiftedClock(other);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(OFFSET.get());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + OFFSET.get().toMillis();
        }
    }
}
