package com.aiaops.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aiaops.shared.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A group's shares of one bucket added at once store what adding them one by one stores, or nothing. */
class RollupGroupTest {
    private static final RollupKey KEY = new RollupKey(UUID.randomUUID(), Resolution.MINUTE, Instant.parse("2026-11-20T12:34:00Z"));

    @Test
    void shares_added_together_store_what_they_store_one_by_one_into_a_new_or_an_existing_row() {
        Random random = new Random(7);
        for (boolean existing : new boolean[] {false, true}) {
            for (int size : new int[] {1, 2, 5}) {
                List<BucketAggregate> shares = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    shares.add(i == 1 ? precounted(1000 + i) : observed(random, 20 + i));
                }
                List<byte[]> sketchesBefore = shares.stream().map(s -> s.sketch().toBytes()).toList();
                long seed = random.nextLong();
                Rollup together = row(existing, seed);
                Rollup oneByOne = row(existing, seed);
                together.add(shares);
                shares.forEach(oneByOne::add);
                assertEquals(oneByOne.total(), together.total());
                assertEquals(oneByOne.good(), together.good());
                assertEquals(oneByOne.latencyCount(), together.latencyCount());
                assertEquals(oneByOne.latencySumMillis(), together.latencySumMillis(), 1e-6);
                assertEquals(oneByOne.countsText(), together.countsText());
                for (double q : new double[] {0, 0.5, 0.99, 1}) {
                    assertEquals(oneByOne.sketch().quantile(q), together.sketch().quantile(q), "q " + q + ", " + size + " shares");
                }
                for (int i = 0; i < size; i++) {
                    assertArrayEquals(sketchesBefore.get(i), shares.get(i).sketch().toBytes(), "a share's own sketch is left as it was");
                }
            }
        }
    }

    @Test
    void a_group_that_would_overfill_the_bucket_is_refused_whole_and_the_row_is_left_as_it_was() {
        Rollup row = row(true, 3);
        long total = row.total();
        byte[] sketch = row.sketchBytes();
        BucketAggregate almostFull = new BucketAggregate(Set.of(300));
        almostFull.addCounted(Rollup.MAX_REQUESTS_PER_MINUTE - total, 0, List.of());
        BucketAggregate one = new BucketAggregate(Set.of(300));
        one.add(true, 12.0);
        assertThrows(InvalidRequestException.class, () -> row.add(List.of(one, almostFull)));
        assertEquals(total, row.total());
        assertArrayEquals(sketch, row.sketchBytes());
        row.add(List.of(almostFull));
        assertEquals(Rollup.MAX_REQUESTS_PER_MINUTE, row.total());
    }

    private static Rollup row(boolean existing, long seed) {
        Rollup row = new Rollup(KEY, UUID.randomUUID());
        if (existing) {
            row.add(observed(new Random(seed), 30));
        }
        return row;
    }

    private static BucketAggregate observed(Random random, int requests) {
        BucketAggregate share = new BucketAggregate(Set.of(300, 50));
        for (int i = 0; i < requests; i++) {
            share.add(random.nextInt(10) != 0, random.nextInt(8) == 0 ? null : Math.exp(random.nextGaussian() + 4));
        }
        return share;
    }

    private static BucketAggregate precounted(int requests) {
        BucketAggregate share = new BucketAggregate(Set.of(300));
        share.addCounted(requests, requests - 3, List.of(new MinuteAggregate.LatencyCount(5.0, requests / 2L), new MinuteAggregate.LatencyCount(400.0, requests / 4L)));
        return share;
    }
}
