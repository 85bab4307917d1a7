package com.aiaops.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A bucket's stored threshold counts ("threshold:atOrUnder:tracked,…"): one threshold read by itself answers as the
 * whole text read does, and text that cannot be true or cannot be read is refused as the row is.
 */
class ThresholdCountsTest {
    private static final RollupKey KEY = new RollupKey(UUID.randomUUID(), Resolution.MINUTE, Instant.parse("2026-12-04T10:00:00Z"));

    @Provide
    Arbitrary<Map<Integer, Rollup.ThresholdCount>> stored() {
        Arbitrary<Rollup.ThresholdCount> counts = Arbitraries.longs().between(0, Long.MAX_VALUE / 2)
                .flatMap(tracked -> Arbitraries.longs().between(0, tracked).map(at -> new Rollup.ThresholdCount(at, tracked)));
        return Arbitraries.maps(Arbitraries.integers().between(1, Integer.MAX_VALUE), counts).ofMaxSize(12);
    }

    @Property(tries = 300)
    void one_threshold_reads_as_in_all_of_them(@ForAll("stored") Map<Integer, Rollup.ThresholdCount> stored,
                                               @ForAll int asked) {
        String text = String.join(",", stored.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().atOrUnder() + ":" + e.getValue().tracked()).toList());
        assertEquals(stored, Rollup.thresholdCounts(text));
        for (Integer threshold : stored.keySet()) {
            assertEquals(stored.get(threshold), Rollup.thresholdCount(text, threshold));
        }
        assertEquals(stored.getOrDefault(asked, Rollup.ThresholdCount.NONE), Rollup.thresholdCount(text, asked));
    }

    @Test
    void nothing_stored_counts_nothing() {
        assertEquals(Rollup.ThresholdCount.NONE, Rollup.thresholdCount(null, 300));
        assertEquals(Rollup.ThresholdCount.NONE, Rollup.thresholdCount("", 300));
        assertEquals(new Rollup.ThresholdCount(7, 9), Rollup.thresholdCount("100:1:9,300:7:9,500:9:9", 300));
    }

    @Test
    void text_that_cannot_be_read_or_be_true_is_refused() {
        for (String wrong : new String[]{"300:7", "300:7:9:1", "300:7:9,", ",300:7:9", "300::9", "x:1:2", "300:1:2.5",
                "300:99999999999999999999:1", "300:-1:9", "300:10:9", "300:1:11", "2147483648:1:2"}) {
            assertThrows(TelemetryInconsistentException.class,
                    () -> Rollup.requireSound(KEY, 10, 10, 10, 1.0, wrong), wrong);
        }
    }
}
