package com.aiaops.telemetry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A roll-up bucket: one service, one resolution, one bucket start. */
@Embeddable
public class RollupKey implements Serializable, Comparable<RollupKey> {
    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Resolution resolution;

    @Column(name = "bucket_start", nullable = false)
    private Instant bucketStart;

    protected RollupKey() {
    }

    public RollupKey(UUID serviceId, Resolution resolution, Instant bucketStart) {
        this.serviceId = serviceId;
        this.resolution = resolution;
        this.bucketStart = bucketStart;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public Resolution resolution() {
        return resolution;
    }

    public Instant bucketStart() {
        return bucketStart;
    }

    /** A fixed order, so that concurrent batches lock rows in the same order and never deadlock. */
    @Override
    public int compareTo(RollupKey other) {
        int c = serviceId.compareTo(other.serviceId);
        if (c == 0) {
            c = resolution.compareTo(other.resolution);
        }
        return c != 0 ? c : bucketStart.compareTo(other.bucketStart);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollupKey k && serviceId.equals(k.serviceId) && resolution == k.resolution
                && bucketStart.equals(k.bucketStart);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serviceId, resolution, bucketStart);
    }
}
