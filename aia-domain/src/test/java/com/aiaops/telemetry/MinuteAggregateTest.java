package com.aiaops.telemetry;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MinuteAggregateTest {
    /**
     * The digest of a stored batch is compared with a retry's: the canonical text must stay what it was when it was
     * the string concatenation of the fields and the list's own text, or a retry across an upgrade is refused as a reuse.
     */
    @Test
    void the_canonical_text_is_the_one_batches_were_digested_with() {
        Instant minute = Instant.parse("2026-12-03T10:15:00Z");
        List<MinuteAggregate> minutes = List.of(
                new MinuteAggregate("checkout", minute, 1000L, 997L,
                        List.of(new MinuteAggregate.LatencyCount(4.5, 900L), new MinuteAggregate.LatencyCount(1e6, 97L))),
                new MinuteAggregate("search", minute, 0L, 0L, null),
                new MinuteAggregate("api", minute, 3L, 1L, List.of()));
        for (MinuteAggregate m : minutes) {
            StringBuilder text = new StringBuilder();
            m.appendCanonical(text);
            assertEquals(m.service() + "|" + m.minute() + "|" + m.total() + "|" + m.good() + "|" + m.latencies(), text.toString());
        }
    }
}
