package com.aiaops.telemetry;

import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.AccessDeniedException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.InvalidRequestException.Violation;
import com.aiaops.shared.Sha256;
import com.aiaops.slo.SloRepository;
import com.aiaops.tenancy.Caller;
import com.aiaops.tenancy.Role;
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
    private static final int ATTEMPTS = 3;
    private static final int MAX_REPORTED_VIOLATIONS = 100;
    private static final Logger LOG = Logger.getLogger(TelemetryIngest.class);

    @Inject
    ServiceRepository services;

    @Inject
    SloRepository slos;

    @Inject
    RollupWriter writer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "aia.telemetry.max-age", defaultValue = "P7D")
    Duration maxAge;

    @Inject
    @ConfigProperty(name = "aia.telemetry.max-clock-skew", defaultValue = "PT5M")
    Duration maxClockSkew;

    public IngestReceipt ingest(Caller caller, String idempotencyKey, List<Observation> observations) {
        if (!(caller.role() == Role.INGEST || caller.role().grants(Role.OPERATOR))) {
            throw new AccessDeniedException("Sending telemetry needs an INGEST key (or OPERATOR)");
        }
        Instant now = clock.instant();
        Map<String, Service> byslug = validate(caller, observations, now);
        SortedMap<RollupKey, BucketAggregate> buckets = aggregate(byslug, observations);
        String digest = Sha256.hex(String.join("\n", observations.stream().map(Observation::canonical).toList()));
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.apply(caller.organizationId(), idempotencyKey, digest, observations.size(), buckets, now);
            } catch (RuntimeException e) {
                // Two batches creating the same new bucket, or twins with one key: the loser retries in a new transaction.
                if (attempt >= ATTEMPTS || !isConstraintViolation(e)) {
                    throw e;
                }
                LOG.debugf("Batch for %s collided with a concurrent one (attempt %d); retrying", caller.organizationId(), attempt);
            }
        }
    }

    private Map<String, Service> validate(Caller caller, List<Observation> observations, Instant now) {
        if (observations == null || observations.isEmpty()) {
            throw new InvalidRequestException("validation-failed", "A batch needs at least one observation",
                    List.of(new Violation("observations", "must not be empty")));
        }
        if (observations.size() > MAX_BATCH) {
            throw new InvalidRequestException("batch-too-large", "A batch holds at most " + MAX_BATCH + " observations; split it",
                    List.of(new Violation("observations", "has " + observations.size() + " items")));
        }
        Map<String, Service> bySlug = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        Instant oldest = now.minus(maxAge);
        Instant newest = now.plus(maxClockSkew);
        for (int i = 0; i < observations.size() && violations.size() < MAX_REPORTED_VIOLATIONS; i++) {
            Observation o = observations.get(i);
            String at = "observations[" + i + "]";
            if (o == null) {
                violations.add(new Violation(at, "must be an object"));
                continue;
            }
            if (o.service() == null || o.service().isBlank()) {
                violations.add(new Violation(at + ".service", "is required"));
            } else if (!bySlug.containsKey(o.service())) {
                services.findBySlug(caller.organizationId(), o.service()).ifPresentOrElse(s -> bySlug.put(o.service(), s),
                        () -> violations.add(new Violation(at + ".service", "no service '" + o.service() + "' in this organisation")));
            }
            if (o.timestamp() == null) {
                violations.add(new Violation(at + ".timestamp", "is required"));
            } else if (o.timestamp().isBefore(oldest)) {
                violations.add(new Violation(at + ".timestamp", "is older than " + maxAge.toDays() + " days; such data is not accepted"));
            } else if (o.timestamp().isAfter(newest)) {
                violations.add(new Violation(at + ".timestamp", "is in the future (more than " + maxClockSkew.toMinutes()
                        + " minutes ahead of the server's clock)"));
            }
            if (o.status() == null && o.outcome() == null) {
                violations.add(new Violation(at, "needs a status (HTTP) or an outcome (GOOD or BAD)"));
            } else if (o.status() != null && (o.status() < 100 || o.status() > 599)) {
                violations.add(new Violation(at + ".status", "must be an HTTP status from 100 to 599"));
            }
            if (o.latencyMs() != null && (o.latencyMs().isNaN() || o.latencyMs() < 0 || o.latencyMs() > 3_600_000)) {
                violations.add(new Violation(at + ".latencyMs", "must be from 0 to 3,600,000 ms"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid-observations",
                    "The batch was refused as a whole: " + violations.size() + " item(s) are invalid (nothing was stored)", violations);
        }
        return bySlug;
    }

    private SortedMap<RollupKey, BucketAggregate> aggregate(Map<String, Service> bySlug, List<Observation> observations) {
        Map<UUID, Set<Integer>> thresholds = new HashMap<>();
        SortedMap<RollupKey, BucketAggregate> buckets = new TreeMap<>();
        for (Observation o : observations) {
            UUID serviceId = bySlug.get(o.service()).id();
            Set<Integer> serviceThresholds = thresholds.computeIfAbsent(serviceId, slos::latencyThresholds);
            for (Resolution resolution : Resolution.values()) {
                RollupKey key = new RollupKey(serviceId, resolution, resolution.bucketOf(o.timestamp()));
                buckets.computeIfAbsent(key, k -> new BucketAggregate(serviceThresholds)).add(o.isGood(), o.latencyMs());
            }
        }
        return buckets;
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
