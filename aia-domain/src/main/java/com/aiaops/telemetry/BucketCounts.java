package com.aiaops.telemetry;

import java.time.Instant;
import java.util.UUID;

/**
 * A roll-up bucket's exact counts without its latency sketch: all that counting for an SLO, a day or a slice needs.
 * Read as a projection, so the sketch (most of a row's bytes) is neither sent by the database nor decoded, and no
 * entity is kept in the persistence context.
 */
public record BucketCounts(RollupKey key, long total, long good, long latencyCount, double latencySumMillis, String countsAtOrUnder) {

    /** As a JPQL constructor expression builds it from the row's columns. */
    public BucketCounts(UUID serviceId, Resolution resolution, Instant bucketStart, long total, long good, long latencyCount,
                        double latencySumMillis, String countsAtOrUnder) {
        this(new RollupKey(serviceId, resolution, bucketStart), total, good, latencyCount, latencySumMillis, countsAtOrUnder);
    }

    /** Refused as {@link Rollup#requireSound()} refuses the whole row. */
    BucketCounts requireSound() {
        Rollup.requireSound(key, total, good, latencyCount, latencySumMillis, countsAtOrUnder);
        return this;
    }

    /** Good out of total requests, or, with a latency threshold, those at or under it out of those counted for it. */
    Counts counts(Integer latencyThresholdMillis) {
        if (latencyThresholdMillis == null) {
            return new Counts(good, total);
        }
        Rollup.ThresholdCount c = Rollup.thresholdCount(countsAtOrUnder, latencyThresholdMillis);
        return new Counts(c.atOrUnder(), c.tracked());
    }
}
