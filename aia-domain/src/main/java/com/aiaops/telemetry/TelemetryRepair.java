package com.aiaops.telemetry;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The operator's repair of a service's stored telemetry: whole UTC days of it dropped at every resolution (minutes,
 * hours and the day itself), so that what remains is consistent across resolutions. Audited with what went.
 */
@ApplicationScoped
public class TelemetryRepair {
    static final Duration MAX_RANGE = Duration.ofDays(400);

    @Inject
    RollupRepository rollups;

    @Inject
    ServiceRepository services;

    @Inject
    QueryCache cache;

    @Inject
    AuditLog audit;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    public record Dropped(UUID serviceId, Instant from, Instant to, int rows) {
    }

    @Transactional
    public Dropped drop(Caller caller, UUID serviceId, Instant from, Instant to) {
        if (services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw new NotFoundException("service", serviceId);
        }
        if (!Resolution.DAY.isAligned(from)) {
            throw InvalidRequestException.ofField("invalid-parameter", "from", "must be the start of a UTC day (e.g. 2026-11-22T00:00:00Z)");
        }
        if (!Resolution.DAY.isAligned(to) || !from.isBefore(to)) {
            throw InvalidRequestException.ofField("invalid-parameter", "to", "must be the start of a UTC day after 'from'");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw InvalidRequestException.ofField("invalid-parameter", "to", "drops at most " + MAX_RANGE.toDays() + " days at a time");
        }
        int rows = rollups.deleteRange(serviceId, from, to);
        Map<String, Object> dropped = new LinkedHashMap<>();
        dropped.put("from", from.toString());
        dropped.put("to", to.toString());
        dropped.put("rollupRows", rows);
        audit.record(caller, "telemetry.dropped", "service", serviceId, dropped, null);
        // After the commit: a reader between now and then would otherwise cache the old rows under the new generation.
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidate(caller.organizationId(), serviceId);
            }
        });
        return new Dropped(serviceId, from, to, rows);
    }
}
