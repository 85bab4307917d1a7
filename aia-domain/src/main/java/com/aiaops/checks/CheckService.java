package com.aiaops.checks;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.OutboundAddresses;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.telemetry.Observation;
import com.aiaops.telemetry.TelemetryIngest;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Defining checks, running them (on demand or when due), and their uptime. */
@ApplicationScoped
public class CheckService {
    public static final int MIN_INTERVAL_SECONDS = 10;
    public static final int MAX_INTERVAL_SECONDS = 3600;

    @Inject
    CheckRepository repository;

    @Inject
    ServiceRepository services;

    @Inject
    CheckProbe probe;

    @Inject
    CheckClaims claims;

    @Inject
    TelemetryIngest telemetry;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;


    @Transactional
    public Check define(Caller caller, UUID serviceId, String name, String url, int intervalSeconds, int timeoutMillis,
                        int expectedStatus, int retries, boolean enabled) {
        if (services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw new InvalidRequestException("validation-failed", "No service " + serviceId + " in this organisation",
                    List.of(new InvalidRequestException.Violation("serviceId", "no such service")));
        }
        OutboundAddresses.check("url", url);
        if (timeoutMillis > intervalSeconds * 1000L) {
            throw new InvalidRequestException("validation-failed", "The timeout must not exceed the interval",
                    List.of(new InvalidRequestException.Violation("timeoutMs", "must not exceed intervalSeconds × 1000")));
        }
        if (repository.nameTaken(caller.organizationId(), name)) {
            throw new ConflictException("name-taken", "A check named '" + name + "' already exists");
        }
        Check check = new Check(caller.organizationId(), serviceId, name, url, intervalSeconds, timeoutMillis, expectedStatus,
                retries, enabled, clock.instant());
        repository.add(check);
        audit.record(caller, "check.defined", "check", check.id(), null, snapshot(check));
        return check;
    }

    @Transactional
    public Page<Check> list(Caller caller, PageRequest page) {
        return page.toPage(repository.pageAfter(page.afterKey(), page.limit() + 1), Check::name);
    }

    /** Every check of the caller's organisation (at most 10,000), by name: for a scrape. */
    @Transactional
    public List<Check> all(Caller caller) {
        return repository.pageAfter(null, 10_000);
    }

    @Transactional
    public Check get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @Transactional
    public Check setEnabled(Caller caller, UUID id, boolean enabled) {
        Check check = find(caller, id);
        Map<String, Object> before = snapshot(check);
        if (enabled) {
            check.resume(clock.instant());
        } else {
            check.pause();
        }
        audit.record(caller, enabled ? "check.resumed" : "check.paused", "check", check.id(), before, snapshot(check));
        return check;
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        Check check = find(caller, id);
        audit.record(caller, "check.deleted", "check", check.id(), snapshot(check), null);
        repository.remove(check);
    }

    /** Runs the check now, records the run and returns it. */
    public CheckRun runNow(Caller caller, UUID id) {
        Check check = get(caller, id);
        return run(check.id());
    }

    /** Probes a check (outside any transaction: a probe can take seconds), then records the outcome. */
    CheckRun run(UUID checkId) {
        Check check = repository.find(checkId).orElseThrow(() -> new NotFoundException("check", checkId));
        URI url = OutboundAddresses.check("url", check.url());
        CheckRun run = probe.probe(url, check.timeoutMillis(), check.expectedStatus(), check.retries(), clock);
        claims.record(checkId, run);
        // The run counts in the service's availability like any request; its key makes a repeated feed count once.
        Service service = services.find(check.organizationId(), check.serviceId()).orElse(null);
        if (service != null) {
            telemetry.ingest(Caller.system(check.organizationId()), "check-" + checkId + "-" + run.at().toEpochMilli(),
                    List.of(new Observation(service.slug(), run.at(), run.httpStatus(),
                            run.up() ? Observation.Outcome.GOOD : Observation.Outcome.BAD, run.latencyMillis())));
        }
        return run;
    }

    /** Uptime = up runs / all runs in [from, to), the way Uptime Kuma counts it. */
    @Transactional
    public Uptime uptime(Caller caller, UUID id, Instant from, Instant to) {
        find(caller, id);
        long[] counts = repository.upAndDown(id, from, to);
        long runs = counts[0] + counts[1];
        return new Uptime(from, to, counts[0], counts[1], runs == 0 ? null : (double) counts[0] / runs);
    }

    @Transactional
    public List<CheckResult> results(Caller caller, UUID id, Instant from, Instant to, int max) {
        find(caller, id);
        return repository.results(id, from, to, max);
    }

    public record Uptime(Instant from, Instant to, long upRuns, long downRuns, Double uptime) {
    }

    private Check find(Caller caller, UUID id) {
        return repository.find(caller.organizationId(), id).orElseThrow(() -> new NotFoundException("check", id));
    }

    static Map<String, Object> snapshot(Check check) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", check.name());
        state.put("url", check.url());
        state.put("intervalSeconds", check.intervalSeconds());
        state.put("timeoutMs", check.timeoutMillis());
        state.put("expectedStatus", check.expectedStatus());
        state.put("retries", check.retries());
        state.put("enabled", check.enabled());
        return state;
    }
}
