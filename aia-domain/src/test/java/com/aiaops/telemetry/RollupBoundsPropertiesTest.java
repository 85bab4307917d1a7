package com.aiaops.telemetry;

import com.aiaops.shared.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any sequence of pre-counted minutes sent to one bucket, up to the most a minute may hold each: the bucket either
 * takes a batch whole or refuses it whole, and what it holds stays a sound row (never negative, never past capacity),
 * which a read accepts.
 */
class RollupBoundsPropertiesTest {
    private static final long CAPACITY = Rollup.MAX_REQUESTS_PER_MINUTE;

    @Provide
    Arbitrary<Long> totals() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, CAPACITY), Arbitraries.of(0L, 1L, CAPACITY - 1, CAPACITY));
    }

    @Provide
    Arbitrary<List<Long>> batches() {
        return totals().list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 500)
    void a_bucket_takes_a_batch_whole_or_refuses_it_and_stays_sound(@ForAll("batches") List<Long> totals) {
        for (Resolution resolution : Resolution.values()) {
            Rollup rollup = new Rollup(new RollupKey(UUID.randomUUID(), resolution, resolution.bucketOf(Instant.parse("2026-11-20T12:34:00Z"))),
                    UUID.randomUUID());
            long expected = 0;
            for (long total : totals) {
                BucketAggregate batch = new BucketAggregate(Set.of(300));
                batch.addCounted(total, total / 2, total == 0 ? List.of() : List.of(new MinuteAggregate.LatencyCount(120.0, Math.max(1, total / 3))));
                try {
                    rollup.add(batch);
                    expected += total;
                } catch (InvalidRequestException refused) {
                    assertTrue(expected + total > CAPACITY * resolution.size().toMinutes(), "refused only when over capacity");
                }
                assertEquals(expected, rollup.total());
                rollup.requireSound();
            }
        }
    }
}
