package com.aiaops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A window's sum kept as text for its sealed minutes, then added to, answers as the sum of all its rows read at once. */
class RollupSumTest {
    private static final Instant FROM = Instant.parse("2026-11-20T10:00:00Z");
    private static final List<Double> QUANTILES = List.of(0.0, 0.5, 0.95, 0.99, 0.999, 1.0);

    @Test
    void a_kept_sealed_sum_plus_the_last_minutes_answers_as_every_row_summed_at_once() {
        List<Rollup> minutes = minutes(120, new Random(20));
        RollupSum all = new RollupSum();
        minutes.forEach(all::add);
        for (int sealed : new int[] {0, 1, 60, 118, 120}) {
            RollupSum kept = new RollupSum();
            minutes.subList(0, sealed).forEach(kept::add);
            RollupSum split = RollupSum.fromText(kept.toText());
            minutes.subList(sealed, minutes.size()).forEach(split::add);
            TelemetryQuery.Summary expected = all.summary(FROM, FROM.plus(Duration.ofHours(2)), QUANTILES);
            TelemetryQuery.Summary actual = split.summary(FROM, FROM.plus(Duration.ofHours(2)), QUANTILES);
            assertEquals(expected.requests(), actual.requests(), "sealed at " + sealed);
            assertEquals(expected.goodRequests(), actual.goodRequests());
            assertEquals(expected.errorRate(), actual.errorRate());
            assertEquals(expected.latencyMs(), actual.latencyMs(), "sketches merged in another order give the same percentiles");
            assertEquals(expected.latencyMeanMs(), actual.latencyMeanMs(), 1e-9 * expected.latencyMeanMs());
        }
    }

    @Test
    void an_empty_sum_is_kept_as_text_and_read_back_empty() {
        RollupSum empty = RollupSum.fromText(new RollupSum().toText());
        TelemetryQuery.Summary summary = empty.summary(FROM, FROM.plus(Duration.ofMinutes(1)), QUANTILES);
        assertEquals(0, summary.requests());
        assertEquals(null, summary.errorRate());
        assertEquals(null, summary.latencyMeanMs());
        assertEquals(0, summary.latencyMs().size());
    }

    @Test
    void text_that_is_not_a_kept_sum_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> RollupSum.fromText("12/3/4"));
        assertThrows(NumberFormatException.class, () -> RollupSum.fromText("x/3/4/1.0/"));
    }

    @Test
    void a_sum_near_a_long_s_end_fails_loudly_instead_of_wrapping() {
        RollupSum near = RollupSum.fromText("9223372036854775800/0/0/0.0/");
        RollupSum more = new RollupSum();
        minutes(1, new Random(1)).forEach(more::add);
        assertThrows(ArithmeticException.class, () -> near.add(more));
    }

    private static List<Rollup> minutes(int count, Random random) {
        List<Rollup> rows = new ArrayList<>();
        UUID service = UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            Rollup row = new Rollup(new RollupKey(service, Resolution.MINUTE, FROM.plus(Duration.ofMinutes(i))), UUID.randomUUID());
            BucketAggregate batch = new BucketAggregate(Set.of(300));
            for (int r = 0; r < 50; r++) {
                batch.add(random.nextInt(40) != 0, random.nextInt(10) == 0 ? null : Math.exp(random.nextGaussian() * 1.5 + 4));
            }
            row.add(batch);
            rows.add(row);
        }
        return rows;
    }
}
