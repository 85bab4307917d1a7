package com.aiaops.telemetry;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySketchTest {
    @Test
    void a_sketch_survives_storage_and_merging() {
        LatencySketch first = LatencySketch.empty();
        LatencySketch second = LatencySketch.empty();
        for (int i = 1; i <= 1000; i++) {
            (i % 2 == 0 ? first : second).record(i);
        }
        LatencySketch merged = LatencySketch.fromBytes(first.toBytes());
        merged.merge(LatencySketch.fromBytes(second.toBytes()));
        assertEquals(1000, merged.count());
        assertEquals(500, merged.quantile(0.5), 500 * 0.01);
        assertEquals(990, merged.quantile(0.99), 990 * 0.01);
    }

    @Test
    void percentiles_stay_within_one_percent_of_the_exact_value_on_a_skewed_dataset() {
        Random random = new Random(42);
        double[] latencies = new double[100_000];
        LatencySketch[] minutes = new LatencySketch[60];
        Arrays.setAll(minutes, i -> LatencySketch.empty());
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = Math.exp(3 + random.nextGaussian()); // log-normal, median ~20 ms, long tail
            minutes[i % 60].record(latencies[i]);
        }
        LatencySketch hour = LatencySketch.empty();
        for (LatencySketch minute : minutes) {
            hour.merge(LatencySketch.fromBytes(minute.toBytes()));
        }
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
            double estimate = hour.quantile(q);
            assertTrue(Math.abs(estimate - exact) <= 0.01 * exact, "q" + q + ": " + estimate + " vs " + exact);
        }
    }

    @Test
    void a_sparse_sketch_of_counted_values_stores_and_merges_like_a_dense_one() {
        double[] values = {0, 4.2, 5, 10, 25, 50, 100, 250, 1000, 20_000, 3_600_000};
        LatencySketch sparse = LatencySketch.sparse();
        LatencySketch dense = LatencySketch.empty();
        for (int i = 0; i < values.length; i++) {
            sparse.record(values[i], 1 + 7L * i);
            dense.record(values[i], 1 + 7L * i);
        }
        LatencySketch fromSparse = LatencySketch.fromBytes(sparse.toBytes());
        LatencySketch fromDense = LatencySketch.fromBytes(dense.toBytes());
        for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.9, 0.99, 1}) {
            assertEquals(fromDense.quantile(q), fromSparse.quantile(q), "quantile " + q);
        }
        LatencySketch stored = LatencySketch.fromBytes(dense.toBytes());
        stored.merge(sparse); // a batch's sparse share merged into a stored (dense) row
        assertEquals(2 * dense.count(), stored.count());
        assertEquals(fromDense.quantile(0.5), stored.quantile(0.5));
    }

    @Test
    void an_empty_sketch_has_no_quantiles() {
        assertNull(LatencySketch.fromBytes(null).quantile(0.5));
        assertEquals(0, LatencySketch.fromBytes(LatencySketch.empty().toBytes()).count());
    }
}
