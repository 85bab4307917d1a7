package com.aiaops.otlp;

import com.aiaops.telemetry.MinuteAggregate.LatencyCount;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistogramPointTest {
    private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1.0};

    @Test
    void explicit_buckets_place_requests_at_their_inclusive_upper_bound_in_milliseconds() {
        HistogramPoint point = HistogramPoint.explicit(BOUNDS, new long[] {2, 5, 0, 1, 3}, 4.2);
        assertEquals(11, point.total());
        assertEquals(List.of(new LatencyCount(100.0, 2L), new LatencyCount(250.0, 5L), new LatencyCount(1000.0, 1L),
                new LatencyCount(4200.0, 3L)), point.latencies(1000));
        // without a max, the overflow bucket's requests sit at the last bound: a floor, never an invention
        assertEquals(new LatencyCount(1000.0, 4L), HistogramPoint.explicit(BOUNDS, new long[] {0, 0, 0, 1, 3}, Double.NaN)
                .latencies(1000).get(0));
    }

    @Test
    void a_cumulative_point_minus_the_previous_is_what_happened_between() {
        HistogramPoint first = HistogramPoint.explicit(BOUNDS, new long[] {2, 5, 0, 1, 0}, Double.NaN);
        HistogramPoint second = HistogramPoint.explicit(BOUNDS, new long[] {2, 8, 1, 1, 0}, Double.NaN);
        HistogramPoint delta = second.minus(first);
        assertEquals(4, delta.total());
        assertEquals(List.of(new LatencyCount(250.0, 3L), new LatencyCount(500.0, 1L)), delta.latencies(1000));
        assertNull(first.minus(second), "counts that go down cannot be told apart from a reset");
        assertNull(HistogramPoint.explicit(new double[] {0.1}, new long[] {1, 1}, Double.NaN).minus(first), "other buckets");
    }

    @Test
    void exponential_buckets_survive_a_lower_scale_in_the_next_cumulative_point() {
        // scale 1: base sqrt(2); index 0 holds (1, 1.414], 1 holds (1.414, 2], 2 holds (2, 2.83], 3 holds (2.83, 4]
        HistogramPoint before = HistogramPoint.exponential(1, 0, new long[] {1, 1, 2, 0}, 1, Double.NaN);
        // scale 0: base 2; index 0 holds (1, 2], index 1 (2, 4]: the earlier four buckets merge pairwise
        HistogramPoint after = HistogramPoint.exponential(0, 0, new long[] {3, 5}, 2, Double.NaN);
        HistogramPoint delta = after.minus(before);
        assertEquals(5, delta.total());
        assertEquals(List.of(new LatencyCount(0.0, 1L), new LatencyCount(2.0, 1L), new LatencyCount(4.0, 3L)), delta.latencies(1));
        assertNull(before.minus(after), "a cumulative series never raises its scale");
    }

    @Test
    void a_state_round_trips_through_its_text() {
        HistogramPoint explicit = HistogramPoint.explicit(BOUNDS, new long[] {2, 5, 0, 1, 3}, 4.2);
        assertEquals(explicit.encode(), HistogramPoint.decode(explicit.encode()).encode());
        HistogramPoint exponential = HistogramPoint.exponential(-3, -7, new long[] {0, 9, 1}, 4, Double.NaN);
        assertEquals(exponential.encode(), HistogramPoint.decode(exponential.encode()).encode());
        assertEquals(14, HistogramPoint.decode(exponential.encode()).total());
    }

    @Test
    void impossible_points_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> HistogramPoint.explicit(BOUNDS, new long[] {1, 2}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> HistogramPoint.explicit(new double[] {1, 0.5}, new long[] {1, 2, 3}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> HistogramPoint.explicit(BOUNDS, new long[] {1, -2, 0, 0, 0}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> HistogramPoint.exponential(21, 0, new long[] {1}, 0, Double.NaN));
        assertThrows(ArithmeticException.class, () -> HistogramPoint.explicit(new double[] {1}, new long[] {Long.MAX_VALUE, 1}, Double.NaN).total());
        // an hour is the longest latency kept
        assertEquals(3_600_000.0, HistogramPoint.explicit(new double[] {1e9}, new long[] {1, 0}, Double.NaN).latencies(1000).get(0).ms());
    }
}
