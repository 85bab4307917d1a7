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

    /** Ticks in microseconds: what the databases store, so an instant reads back exactly as it was first shown. */
    private static final Duration TICK = Duration.ofNanos(1_000);

    @Produces
    public Clock clock() {
        return Clock.tick(ADJUSTABLE ? new ShiftedClock() : Clock.systemUTC(), TICK);
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
        OFFSET.set(offset);
    }

    /** System UTC time plus the current offset, read at every call. */
    private static final class ShiftedClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the platform clock is UTC");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(OFFSET.get());
        }
    }
}
