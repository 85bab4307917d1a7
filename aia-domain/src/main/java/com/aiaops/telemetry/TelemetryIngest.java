package com.aiaops.telemetry;

import com.aiaops.catalog.Service;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.InvalidRequestException.Violation;
import com.aiaops.shared.Sha256;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Ingestion of observation batches: validated as a whole (all or nothing, every bad item named), summed
 * per service and minute in memory, then applied with the batch's idempotency record in one transaction.
 */
@ApplicationScoped
public class TelemetryIngest {
    public static final int MAX_BATCH = 10_000;
    /** Distinct latency values one pre-counted minute may list. */
    public static final int MAX_LATENCY_VALUES = 10_000;
    private static final int ATTEMPTS = 5;
    private static final int MAX_REPORTED_VIOLATIONS = 100;
    private static final Logger LOG = Logger.getLogger(TelemetryIngest.class);

    @Inject
    KnownServices knownServices;

    @Inject
    TrackedThresholds trackedThresholds;

    @Inject
    RollupWriter writer;

    @Inject
    IngestGroups groups;

    @Inject
    QueryCache cache;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "aia.telemetry.max-age", defaultValue = "P7D")
    Duration maxAge;

    @Inject
    @ConfigProperty(name = "aia.telemetry.max-clock-skew", defaultValue = "PT5M")
    Duration maxClockSkew;

    public IngestReceipt ingest(Caller caller, String idempotencyKey, List<Observation> observations) {
        Instant now = clock.instant();
        requireSize(observations);
        Map<String, UUID> byslug = validate(caller, observations, now);
        SortedMap<RollupKey, BucketAggregate> buckets = new TreeMap<>();
        Map<UUID, Set<Integer>> thresholds = new HashMap<>();
        for (Observation o : observations) {
            UUID serviceId = byslug.get(o.service());
            for (BucketAggregate bucket : bucketsOf(buckets, thresholds, caller.organizationId(), serviceId, o.timestamp())) {
                bucket.add(o.isGood(), o.latencyMs());
            }
        }
        StringBuilder canonical = new StringBuilder(observations.size() * 80);
        for (int i = 0; i < observations.size(); i++) {
            observations.get(i).appendCanonical(i == 0 ? canonical : canonical.append('\n'));
        }
        String digest = Sha256.hex(canonical.toString());
        return apply(caller, idempotencyKey, digest, observations.size(), byslug, buckets, now, null);
    }

    /** Pre-aggregated minutes, validated and applied like observations (same idempotency, same all-or-nothing). */
    public IngestReceipt ingestMinutes(Caller caller, String idempotencyKey, List<MinuteAggregate> minutes) {
        Instant now = clock.instant();
        return ingestMinutes(caller, idempotencyKey, minutes, now, now.minus(maxAge));
    }

    /**
     * History older than the API accepts as late data ({@code aia.telemetry.max-age}): the demo's 30 days. Validated and
     * rolled up like any batch; minute roll-ups past their retention are removed by it as usual, hours and days stay.
     */
    public IngestReceipt backfillMinutes(Caller caller, List<MinuteAggregate> minutes, Instant oldest) {
        return ingestMinutes(caller, null, minutes, clock.instant(), oldest);
    }

    private IngestReceipt ingestMinutes(Caller caller, String idempotencyKey, List<MinuteAggregate> minutes, Instant now, Instant oldest) {
        requireSize(minutes);
        Map<String, UUID> byslug = validateMinutes(caller, minutes, now, oldest);
        SortedMap<RollupKey, BucketAggregate> buckets = new TreeMap<>();
        Map<UUID, Set<Integer>> thresholds = new HashMap<>();
        for (MinuteAggregate m : minutes) {
            UUID serviceId = byslug.get(m.service());
            for (BucketAggregate bucket : bucketsOf(buckets, thresholds, caller.organizationId(), serviceId, m.minute())) {
                bucket.addCounted(m.total(), m.good(), m.latencies());
            }
        }
        StringBuilder canonical = new StringBuilder(minutes.size() * 256).append("minutes");
        for (MinuteAggregate m : minutes) {
            m.appendCanonical(canonical.append('\n'));
        }
        String digest = Sha256.hex(canonical.toString());
        return apply(caller, idempotencyKey, digest, minutes.size(), byslug, buckets, now, null);
    }

    /**
     * A batch assembled by an integration that has already resolved its services (OTLP): items out of the accepted
     * time range are not recorded and say why; the rest is applied at {@link Recording#commit} like any batch, with
     * {@code alsoInTransaction} (state the integration keeps, such as cumulative series) in the same transaction.
     */
    public Recording recording(Caller caller) {
        return new Recording(caller, clock.instant());
    }

    public final class Recording {
        private final Caller caller;
        private final Instant now;
        private final Instant oldest;
        private final Instant newest;
        private final SortedMap<RollupKey, BucketAggregate> buckets = new TreeMap<>();
        private final Map<UUID, Set<Integer>> thresholds = new HashMap<>();
        private final Map<String, UUID> services = new HashMap<>();
        private final StringBuilder digest = new StringBuilder();
        private int items;

        private Recording(Caller caller, Instant now) {
            this.caller = caller;
            this.now = now;
            this.oldest = now.minus(maxAge);
            this.newest = now.plus(maxClockSkew);
        }

        /** Why a time is not accepted, or null when it is. */
        public String refusalOf(Instant at) {
            if (at.isBefore(oldest)) {
                return "older than " + maxAge.toDays() + " days";
            }
            return at.isAfter(newest) ? "more than " + maxClockSkew.toMinutes() + " minutes ahead of the server's clock" : null;
        }

        /** One request; the caller has checked its time with {@link #refusalOf}. */
        public void observe(Service service, Instant at, boolean good, Double latencyMs) {
            services.put(service.slug(), service.id());
            for (BucketAggregate bucket : bucketsOf(buckets, thresholds, caller.organizationId(), service.id(), at)) {
                bucket.add(good, latencyMs);
            }
            items++;
        }

        /** Requests counted by the sender in the minute of {@code at}; the caller has checked its time. */
        public void count(Service service, Instant at, long total, long good, List<MinuteAggregate.LatencyCount> latencies) {
            services.put(service.slug(), service.id());
            for (BucketAggregate bucket : bucketsOf(buckets, thresholds, caller.organizationId(), service.id(), Resolution.MINUTE.bucketOf(at))) {
                bucket.addCounted(total, good, latencies);
            }
            items++;
        }

        public int items() {
            return items;
        }

        /** Applies what was recorded (nothing is written when nothing was recorded and nothing else is to be). */
        public IngestReceipt commit(String bodyDigest, Runnable alsoInTransaction) {
            return apply(caller, null, bodyDigest, items, services, buckets, now, alsoInTransaction);
        }
    }

    private List<BucketAggregate> bucketsOf(SortedMap<RollupKey, BucketAggregate> buckets, Map<UUID, Set<Integer>> thresholds,
                                            UUID organizationId, UUID serviceId, Instant at) {
        Set<Integer> serviceThresholds = thresholds.computeIfAbsent(serviceId, id -> trackedThresholds.of(organizationId, id));
        List<BucketAggregate> touched = new ArrayList<>(Resolution.values().length);
        for (Resolution resolution : Resolution.values()) {
            RollupKey key = new RollupKey(serviceId, resolution, resolution.bucketOf(at));
            touched.add(buckets.computeIfAbsent(key, k -> new BucketAggregate(serviceThresholds)));
        }
        return touched;
    }

    /**
     * Committed: answers computed before this batch must no longer be served — those about the services' sealed minutes
     * only if the batch wrote into them (a late batch), so a long window's sealed part outlives the batches of now.
     */
    private void invalidateWritten(UUID organizationId, Map<String, UUID> byslug, SortedMap<RollupKey, BucketAggregate> buckets) {
        Map<UUID, Instant> oldestMinute = new HashMap<>();
        for (RollupKey key : buckets.keySet()) {
            if (key.resolution() == Resolution.MINUTE) {
                oldestMinute.merge(key.serviceId(), key.bucketStart(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Instant now = clock.instant();
        for (UUID service : byslug.values()) {
            Instant oldest = oldestMinute.get(service);
            if (oldest == null) {
                cache.invalidate(organizationId, service);
            } else {
                cache.invalidateWritten(service, oldest, now);
            }
        }
        cache.invalidateSet(organizationId, QueryCache.TELEMETRY);
    }

    private static void requireSize(List<?> items) {
        if (items == null || items.isEmpty()) {
            throw new InvalidRequestException("validation-failed", "A batch needs at least one item",
                    List.of(new Violation("items", "must not be empty")));
        }
        if (items.size() > MAX_BATCH) {
            throw new InvalidRequestException("batch-too-large", "A batch holds at most " + MAX_BATCH + " items; split it",
                    List.of(new Violation("items", "has " + items.size() + " items")));
        }
    }

    private IngestReceipt apply(Caller caller, String idempotencyKey, String digest, int items, Map<String, UUID> byslug,
                                SortedMap<RollupKey, BucketAggregate> buckets, Instant now, Runnable alsoInTransaction) {
        if (alsoInTransaction == null) {
            // With the organisation's other batches arriving now, in one transaction; alone below if that fails.
            Optional<IngestReceipt> together = groups.write(caller.organizationId(), new RollupWriter.Batch(idempotencyKey, digest, items, buckets, now));
            if (together.isPresent()) {
                invalidateWritten(caller.organizationId(), byslug, buckets);
                return together.get();
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                IngestReceipt receipt = writer.apply(caller.organizationId(), idempotencyKey, digest, items, buckets, now, alsoInTransaction);
                invalidateWritten(caller.organizationId(), byslug, buckets);
                return receipt;
            } catch (RuntimeException e) {
                // Two batches creating the same new bucket, or twins with one key: the loser retries in a new transaction.
                if (attempt >= ATTEMPTS || !isConstraintViolation(e)) {
                    throw e;
                }
                LOG.debugf("Batch for %s collided with a concurrent one (attempt %d); retrying", caller.organizationId(), attempt);
            }
        }
    }

    private Map<String, UUID> validate(Caller caller, List<Observation> observations, Instant now) {
        Map<String, UUID> bySlug = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        Instant oldest = now.minus(maxAge);
        Instant newest = now.plus(maxClockSkew);
        for (int i = 0; i < observations.size() && violations.size() < MAX_REPORTED_VIOLATIONS; i++) {
            Observation o = observations.get(i);
            if (o == null) {
                violations.add(new Violation(item("observations", i, ""), "must be an object"));
                continue;
            }
            checkService(caller, o.service(), "observations", i, bySlug, violations);
            checkTime(o.timestamp(), "observations", i, ".timestamp", oldest, newest, violations);
            if (o.status() == null && o.outcome() == null) {
                violations.add(new Violation(item("observations", i, ""), "needs a status (HTTP) or an outcome (GOOD or BAD)"));
            } else if (o.status() != null && (o.status() < 100 || o.status() > 599)) {
                violations.add(new Violation(item("observations", i, ".status"), "must be an HTTP status from 100 to 599"));
            }
            if (o.latencyMs() != null && (o.latencyMs().isNaN() || o.latencyMs() < 0 || o.latencyMs() > 3_600_000)) {
                violations.add(new Violation(item("observations", i, ".latencyMs"), "must be from 0 to 3,600,000 ms"));
            }
        }
        refuseIfAny(violations);
        return bySlug;
    }

    private Map<String, UUID> validateMinutes(Caller caller, List<MinuteAggregate> minutes, Instant now, Instant oldest) {
        Map<String, UUID> bySlug = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        Instant newest = now.plus(maxClockSkew);
        for (int i = 0; i < minutes.size() && violations.size() < MAX_REPORTED_VIOLATIONS; i++) {
            MinuteAggregate m = minutes.get(i);
            String at = "minutes[" + i + "]";
            if (m == null) {
                violations.add(new Violation(at, "must be an object"));
                continue;
            }
            checkService(caller, m.service(), "minutes", i, bySlug, violations);
            checkTime(m.minute(), "minutes", i, ".minute", oldest, newest, violations);
            if (m.minute() != null && !Resolution.MINUTE.isAligned(m.minute())) {
                violations.add(new Violation(at + ".minute", "must be the start of a minute (seconds 00)"));
            }
            if (m.total() == null || m.total() < 0 || m.total() > Rollup.MAX_REQUESTS_PER_MINUTE) {
                violations.add(new Violation(at + ".total", "is required, from 0 to " + Rollup.MAX_REQUESTS_PER_MINUTE));
            } else if (m.latencies() != null && m.latencies().size() > MAX_LATENCY_VALUES) {
                violations.add(new Violation(at + ".latencies", "holds at most " + MAX_LATENCY_VALUES + " latency values"));
            } else if (m.good() == null || m.good() < 0 || m.good() > m.total()) {
                violations.add(new Violation(at + ".good", "is required, from 0 to total"));
            } else if (m.latencies() != null) {
                long counted = 0;
                for (int j = 0; j < m.latencies().size(); j++) {
                    MinuteAggregate.LatencyCount l = m.latencies().get(j);
                    if (l == null || l.ms() == null || l.count() == null || l.ms().isNaN() || l.ms() < 0 || l.ms() > 3_600_000
                            || l.count() < 1 || l.count() > m.total()) {
                        violations.add(new Violation(at + ".latencies[" + j + "]", "needs ms from 0 to 3,600,000 and a count from 1 to total"));
                        break;
                    }
                    counted += l.count();
                }
                if (counted > m.total()) {
                    violations.add(new Violation(at + ".latencies", "count " + counted + " requests, more than total " + m.total()));
                }
            }
        }
        refuseIfAny(violations);
        return bySlug;
    }

    /** The field of a batch's item, such as {@code observations[3].timestamp}: written only for an item that is refused. */
    private static String item(String list, int index, String field) {
        return list + "[" + index + "]" + field;
    }

    private void checkService(Caller caller, String slug, String list, int index, Map<String, UUID> bySlug, List<Violation> violations) {
        if (slug == null || slug.isBlank()) {
            violations.add(new Violation(item(list, index, ".service"), "is required"));
        } else if (!bySlug.containsKey(slug)) {
            knownServices.idOf(caller.organizationId(), slug).ifPresentOrElse(id -> bySlug.put(slug, id),
                    () -> violations.add(new Violation(item(list, index, ".service"), "no service '" + slug + "' in this organisation")));
        }
    }

    private void checkTime(Instant t, String list, int index, String name, Instant oldest, Instant newest, List<Violation> violations) {
        if (t == null || t.isBefore(oldest) || t.isAfter(newest)) {
            checkTime(t, item(list, index, name), oldest, newest, violations);
        }
    }

    private void checkTime(Instant t, String field, Instant oldest, Instant newest, List<Violation> violations) {
        if (t == null) {
            violations.add(new Violation(field, "is required"));
        } else if (t.isBefore(oldest)) {
            violations.add(new Violation(field, "is older than " + maxAge.toDays() + " days; such data is not accepted"));
        } else if (t.isAfter(newest)) {
            violations.add(new Violation(field, "is in the future (more than " + maxClockSkew.toMinutes()
                    + " minutes ahead of the server's clock)"));
        }
    }

    private static void refuseIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid-observations",
                    "The batch was refused as a whole: " + violations.size() + " item(s) are invalid (nothing was stored)", violations);
        }
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (cause instanceof jakarta.persistence.EntityExistsException) {
                return true;
            }
        }
        return false;
    }
}
