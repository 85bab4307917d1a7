package com.aiaops.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Answers held on a node: sent only while they hold, and those that no longer can swept out instead of piling up. */
class HeldAnswersTest {
    private static final Instant T = Instant.parse("2026-12-07T03:30:10Z");
    private static final Instant MINUTE_END = Instant.parse("2026-12-07T03:30:59.999999999Z");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final HeldAnswers held = new HeldAnswers(nanos::get);

    @Test
    void an_answer_is_sent_from_the_instant_it_was_computed_at_to_the_one_it_holds_until_and_a_minute_at_most() {
        held.hold("k", new KeptAnswers.TrueUntil<>("card", MINUTE_END), T);
        assertEquals("card", held.at("k", T));
        assertEquals("card", held.at("k", MINUTE_END));
        assertNull(held.at("k", MINUTE_END.plusNanos(1)), "past its instant");
        assertNull(held.at("k", T.minusNanos(1)), "before it was computed (a clock set back)");
        assertNull(held.at("other", T));
        nanos.addAndGet(HeldAnswers.HELD_NANOS - 1);
        assertEquals("card", held.at("k", T));
        nanos.incrementAndGet();
        assertNull(held.at("k", T), "a minute after it was kept, whatever the clock says");
    }

    @Test
    void answers_that_can_no_longer_be_sent_are_swept_out_once_many_are_held() {
        // A busy minute: every scrape under new generations, each answer unreachable once the next is held.
        Instant now = T;
        for (int i = 0; i < 5 * HeldAnswers.SWEEP_ABOVE; i++) {
            held.hold("scrape|" + i, new KeptAnswers.TrueUntil<>("text " + i, now.plusSeconds(1)), now);
            now = now.plusMillis(100);
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        // Only those still within their second are kept, beside the few the last sweep could not yet drop.
        assertTrue(held.size() <= HeldAnswers.SWEEP_ABOVE + 11, "held: " + held.size());
        assertEquals("text " + (5 * HeldAnswers.SWEEP_ABOVE - 1), held.at("scrape|" + (5 * HeldAnswers.SWEEP_ABOVE - 1), now.minusMillis(100)));

        // Answers that hold for long are swept out a minute after they were kept.
        HeldAnswers lasting = new HeldAnswers(nanos::get);
        for (int i = 0; i < 3 * HeldAnswers.SWEEP_ABOVE; i++) {
            lasting.hold("dora|" + i, new KeptAnswers.TrueUntil<>(i, Instant.MAX), T);
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        assertTrue(lasting.size() <= 600 + HeldAnswers.SWEEP_ABOVE, "held: " + lasting.size());
        assertTrue(lasting.size() >= 600, "a minute's worth is still held: " + lasting.size());
    }

    @Test
    void never_more_than_the_most_held() {
        for (int i = 0; i < HeldAnswers.MOST_HELD + 5; i++) {
            held.hold("k" + i, new KeptAnswers.TrueUntil<>(i, Instant.MAX), T);
        }
        assertTrue(held.size() <= HeldAnswers.MOST_HELD, "held: " + held.size());
        assertEquals(HeldAnswers.MOST_HELD + 4, held.at("k" + (HeldAnswers.MOST_HELD + 4), T));
    }
}
