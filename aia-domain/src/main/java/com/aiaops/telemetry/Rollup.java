package com.aiaops.telemetry;

import com.aiaops.shared.InvalidRequestException;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/**
 * One bucket of a service's requests: exact total and good counts, exact counts at or under each latency
 * threshold an SLO uses, and the latency sketch for percentiles.
 */
@Entity
@Table(name = "telemetry_rollup")
// A named query: Hibernate checks it when the application deploys, though it only runs hourly.
@NamedQuery(name = "Rollup.deleteMinutesBefore",
        query = "delete from Rollup r where r.key.resolution = :minute and r.key.bucketStart >= :oldest "
                + "and r.key.bucketStart < :cutoff")
public class Rollup {
    /**
     * The most requests one service can report for one minute (about 167 million a second). With it, an hour, a day
     * and a 400-day sum of days stay far inside a long: no stored count and no sum of them can overflow.
     */
    public static final long MAX_REQUESTS_PER_MINUTE = 10_000_000_000L;

    @EmbeddedId
    private RollupKey key;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private long total;

    @Column(nullable = false)
    private long good;

    @Column(name = "latency_count", nullable = false)
    private long latencyCount;

    @Column(name = "latency_sum_ms", nullable = false)
    private double latencySumMillis;

    @Column(name = "latency_sketch", length = 262_144)
    private byte[] latencySketch;

    /**
     * Per latency threshold "threshold:atOrUnder:tracked" (e.g. "300:9812:9990"): requests at or under it, and
     * requests with a latency counted since the threshold was first tracked, so that a threshold added later
     * is still exact over the part of the bucket it covers. Small, read with the row, no join.
     */
    @Column(name = "counts_at_or_under", length = 4000)
    private String countsAtOrUnder;

    protected Rollup() {
    }

    Rollup(RollupKey key, UUID organizationId) {
        this.key = key;
        this.organizationId = organizationId;
    }

    /** A row as stored, read by the ingest's own statement to be changed and written back (not an entity of a persistence context). */
    static Rollup stored(RollupKey key, UUID organizationId, long total, long good, long latencyCount, double latencySumMillis,
                         byte[] latencySketch, String countsAtOrUnder) {
        Rollup row = new Rollup(key, organizationId);
        row.total = total;
        row.good = good;
        row.latencyCount = latencyCount;
        row.latencySumMillis = latencySumMillis;
        row.latencySketch = latencySketch;
        row.countsAtOrUnder = countsAtOrUnder;
        return row;
    }

    /** Adds a batch's share of this bucket; late data lands here just the same. */
    void add(BucketAggregate aggregate) {
        add(java.util.List.of(aggregate));
    }

    /**
     * Adds several batches' shares of this bucket (a group written in one transaction), all or none: the stored sketch
     * and threshold counts are read and written once for all of them, not once a batch.
     */
    void add(java.util.List<BucketAggregate> aggregates) {
        long capacity = maxRequests(key.resolution());
        long added = 0;
        for (BucketAggregate aggregate : aggregates) {
            if (aggregate.total() > capacity - total - added) {
                throw InvalidRequestException.ofField("bucket-full", "total", "would make the " + key.resolution().name().toLowerCase(java.util.Locale.ROOT)
                        + " of service " + key.serviceId() + " at " + key.bucketStart() + " hold more than " + capacity
                        + " requests (at most " + MAX_REQUESTS_PER_MINUTE + " a minute); nothing was stored");
            }
            added += aggregate.total();
        }
        Map<Integer, ThresholdCount> counts = thresholdCounts();
        boolean latencies = false;
        for (BucketAggregate aggregate : aggregates) {
            total += aggregate.total();
            good += aggregate.good();
            latencyCount += aggregate.latencyCount();
            latencySumMillis += aggregate.latencySumMillis();
            latencies |= aggregate.latencyCount() > 0;
            aggregate.countsAtOrUnder().forEach((threshold, count) ->
                    counts.merge(threshold, new ThresholdCount(count, aggregate.latencyCount()), ThresholdCount::plus));
        }
        if (latencySketch == null && aggregates.size() == 1) {
            latencySketch = aggregates.get(0).sketch().toBytes(); // a new row of one batch: nothing to decode and merge into
        } else if (latencySketch == null || latencies) {
            // Merged into a copy: a batch's own sketch stays as it was, for the batch to be written alone if the group fails.
            LatencySketch merged = LatencySketch.fromBytes(latencySketch);
            for (BucketAggregate aggregate : aggregates) {
                if (aggregate.latencyCount() > 0) {
                    merged.merge(aggregate.sketch());
                }
            }
            latencySketch = merged.toBytes();
        }
        countsAtOrUnder = counts.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().atOrUnder() + ":" + e.getValue().tracked())
                .collect(Collectors.joining(","));
    }

    /** The most requests a bucket of this resolution can hold. */
    static long maxRequests(Resolution resolution) {
        return MAX_REQUESTS_PER_MINUTE * resolution.size().toMinutes();
    }

    /** This row as read back, refused when it cannot be true, so that no sum over it overflows or goes negative. */
    Rollup requireSound() {
        requireSound(key, total, good, latencyCount, latencySumMillis, countsAtOrUnder);
        return this;
    }

    /** A bucket's numbers as read back (a row, or its counts without the sketch), refused when they cannot be true. */
    static void requireSound(RollupKey key, long total, long good, long latencyCount, double latencySumMillis, String countsText) {
        long capacity = maxRequests(key.resolution());
        String wrong = null;
        if (total < 0 || total > capacity) {
            wrong = "total " + total + " is not from 0 to " + capacity;
        } else if (good < 0 || good > total) {
            wrong = "good " + good + " is not from 0 to total " + total;
        } else if (latencyCount < 0 || latencyCount > total || !Double.isFinite(latencySumMillis) || latencySumMillis < 0) {
            wrong = "latency count " + latencyCount + " or sum " + latencySumMillis + " is impossible";
        } else {
            try {
                String[] impossible = new String[1];
                forEachThresholdCount(countsText, (threshold, count) -> {
                    if (count.atOrUnder() < 0 || count.tracked() < count.atOrUnder() || count.tracked() > total) {
                        impossible[0] = "a latency threshold counts " + count.atOrUnder() + " of " + count.tracked();
                    }
                    return true;
                });
                wrong = impossible[0];
            } catch (RuntimeException e) {
                wrong = "its latency threshold counts cannot be read: " + e.getMessage();
            }
        }
        if (wrong != null) {
            throw new TelemetryInconsistentException(key, wrong);
        }
    }

    public RollupKey key() {
        return key;
    }

    public long total() {
        return total;
    }

    public long good() {
        return good;
    }

    public long latencyCount() {
        return latencyCount;
    }

    public double latencySumMillis() {
        return latencySumMillis;
    }

    UUID organizationId() {
        return organizationId;
    }

    /** The sketch as stored. */
    byte[] sketchBytes() {
        return latencySketch;
    }

    /** The threshold counts as stored. */
    String countsText() {
        return countsAtOrUnder;
    }

    public LatencySketch sketch() {
        return LatencySketch.fromBytes(latencySketch);
    }

    /** Requests at or under the threshold, among those tracked for it; NONE when it was never tracked here. */
    public ThresholdCount countAtOrUnder(int thresholdMillis) {
        return thresholdCount(countsAtOrUnder, thresholdMillis);
    }

    private Map<Integer, ThresholdCount> thresholdCounts() {
        return thresholdCounts(countsAtOrUnder);
    }

    /** The threshold counts stored as "threshold:atOrUnder:tracked,…", by threshold. */
    static Map<Integer, ThresholdCount> thresholdCounts(String countsText) {
        Map<Integer, ThresholdCount> counts = new TreeMap<>();
        forEachThresholdCount(countsText, (threshold, count) -> {
            counts.put(threshold, count);
            return true;
        });
        return counts;
    }

    /** One threshold's counts from the stored text, NONE when it was never tracked: read without building them all. */
    static ThresholdCount thresholdCount(String countsText, int thresholdMillis) {
        ThresholdCount[] found = {ThresholdCount.NONE};
        forEachThresholdCount(countsText, (threshold, count) -> {
            if (threshold == thresholdMillis) {
                found[0] = count;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** Visits the stored "threshold:atOrUnder:tracked,…" triples in order until the visitor answers false. */
    private static void forEachThresholdCount(String countsText, ThresholdVisitor visitor) {
        if (countsText == null || countsText.isEmpty()) {
            return;
        }
        int start = 0;
        while (start <= countsText.length()) {
            int end = countsText.indexOf(',', start);
            if (end < 0) {
                end = countsText.length();
            }
            int first = countsText.indexOf(':', start);
            int second = first < 0 ? -1 : countsText.indexOf(':', first + 1);
            int third = second < 0 ? -1 : countsText.indexOf(':', second + 1);
            if (first < 0 || first >= end || second < 0 || second >= end || third >= 0 && third < end) {
                throw new NumberFormatException("not threshold:atOrUnder:tracked: " + countsText.substring(start, end));
            }
            int threshold = Integer.parseInt(countsText, start, first, 10);
            ThresholdCount count = new ThresholdCount(Long.parseLong(countsText, first + 1, second, 10),
                    Long.parseLong(countsText, second + 1, end, 10));
            if (!visitor.visit(threshold, count)) {
                return;
            }
            start = end + 1;
        }
    }

    @FunctionalInterface
    private interface ThresholdVisitor {
        /** Whether to go on to the next threshold. */
        boolean visit(int thresholdMillis, ThresholdCount count);
    }

    /** Requests at or under a latency threshold, out of the requests counted for it. */
    public record ThresholdCount(long atOrUnder, long tracked) {
        public static final ThresholdCount NONE = new ThresholdCount(0, 0);

        ThresholdCount plus(ThresholdCount other) {
            return new ThresholdCount(Math.addExact(atOrUnder, other.atOrUnder), Math.addExact(tracked, other.tracked));
        }
    }
}
