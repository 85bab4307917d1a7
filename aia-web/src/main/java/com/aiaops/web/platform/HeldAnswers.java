package com.aiaops.web.platform;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Answers held as objects on this node ({@link KeptAnswers#heldAboutSets}), each under a key that names the generations it
 * was computed from, while the instant asked is neither before the one it was computed at nor past the one it holds
 * until, and for a minute at most. A change of what an answer read gives a new key and leaves the old answer unreachable;
 * such answers (a scrape of a busy organisation leaves one a minute, a large text each) are swept out once more than
 * {@link #SWEEP_ABOVE} are held, so the heap holds about a minute's worth, never {@link #MOST_HELD} stale ones.
 */
final class HeldAnswers {
    /** Past it every held answer is dropped: the bound if a minute's worth were ever more. */
    static final int MOST_HELD = 10_000;
    /** Above it, each new answer first sweeps out those that can no longer be sent. */
    static final int SWEEP_ABOVE = 1_000;
    /** As long as a kept text lives in the cluster's query cache. */
    static final long HELD_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A held answer, the instant it was computed at (it says nothing of earlier ones), and when it was kept. */
    private record Held(KeptAnswers.TrueUntil<?> answer, Instant computedAt, long keptAtNanos) {
        boolean holdsAt(Instant now, long nanos) {
            return !now.isBefore(computedAt) && !now.isAfter(answer.until()) && nanos - keptAtNanos < HELD_NANOS;
        }

        boolean lapsed(Instant now, long nanos) {
            return now.isAfter(answer.until()) || nanos - keptAtNanos >= HELD_NANOS;
        }
    }

    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    HeldAnswers() {
        this(System::nanoTime);
    }

    /** With its own source of nanoseconds, for tests. */
    HeldAnswers(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The answer held under {@code key} that holds at {@code now}, or null. */
    Object at(String key, Instant now) {
        Held kept = held.get(key);
        return kept != null && kept.holdsAt(now, nanoTime.getAsLong()) ? kept.answer().answer() : null;
    }

    /** Holds {@code answer}, computed at {@code computedAt}, under {@code key}. */
    void hold(String key, KeptAnswers.TrueUntil<?> answer, Instant computedAt) {
        long nanos = nanoTime.getAsLong();
        if (held.size() >= SWEEP_ABOVE) {
            held.values().removeIf(kept -> kept.lapsed(computedAt, nanos));
        }
        if (held.size() >= MOST_HELD) {
            held.clear();
        }
        held.put(key, new Held(answer, computedAt, nanos));
    }

    int size() {
        return held.size();
    }
}
