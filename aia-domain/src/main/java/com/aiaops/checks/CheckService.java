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
import java.util.Optional;
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


    /** A new check and, for a heartbeat, the secret of its beat address (shown this once). */
    public record Defined(Check check, String heartbeatToken) {
    }

    @Transactional
    public Defined define(Caller caller, UUID serviceId, String name, String url, int intervalSeconds, int timeoutMillis,
                          int expectedStatus, int retries, boolean enabled, Check.Options options) {
        if (services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw new InvalidRequestException("validation-failed", "No service " + serviceId + " in this organisation",
                    List.of(new InvalidRequestException.Violation("serviceId", "no such service")));
        }
        url = checkedTarget(options, url);
        if (timeoutMillis > intervalSeconds * 1000L) {
            throw new InvalidRequestException("validation-failed", "The timeout must not exceed the interval",
                    List.of(new InvalidRequestException.Violation("timeoutMs", "must not exceed intervalSeconds × 1000")));
        }
        if (repository.nameTaken(caller.organizationId(), name)) {
            throw new ConflictException("name-taken", "A check named '" + name + "' already exists");
        }
        Check check = new Check(caller.organizationId(), serviceId, name, url, intervalSeconds, timeoutMillis, expectedStatus,
                retries, enabled, clock.instant());
        String token = null;
        if (options.kind() == CheckKind.HEARTBEAT) {
            token = com.aiaops.shared.SecretTokens.newToken(24);
        }
        check.configure(options, token == null ? null : com.aiaops.shared.Sha256.hex(token));
        repository.add(check);
        audit.record(caller, "check.defined", "check", check.id(), null, snapshot(check));
        return new Defined(check, token);
    }

    /** The target as the kind needs it; the options' combinations are checked here, each refusal at its field. */
    private static String checkedTarget(Check.Options options, String url) {
        CheckKind kind = options.kind();
        if ((options.bodyContains() != null || options.jsonPath() != null) && kind != CheckKind.HTTP) {
            throw InvalidRequestException.ofField("validation-failed", "bodyContains", "body assertions are for HTTP checks");
        }
        if (options.jsonExpected() != null && options.jsonPath() == null) {
            throw InvalidRequestException.ofField("validation-failed", "jsonExpected", "needs a jsonPath");
        }
        if (options.jsonPath() != null && BodyAssertion.pointerOf(options.jsonPath()) == null) {
            throw InvalidRequestException.ofField("validation-failed", "jsonPath",
                    "one value's path: $ followed by .name, ['name'] or [index] steps (no wildcards or filters)");
        }
        if (options.tlsMinDays() != null && kind != CheckKind.TLS) {
            throw InvalidRequestException.ofField("validation-failed", "tlsMinDays", "is for TLS checks");
        }
        if (options.graceSeconds() != null && kind != CheckKind.HEARTBEAT) {
            throw InvalidRequestException.ofField("validation-failed", "graceSeconds", "is for heartbeat checks");
        }
        switch (kind) {
            case HEARTBEAT -> {
                if (url != null && !url.isBlank()) {
                    throw InvalidRequestException.ofField("validation-failed", "url", "a heartbeat is called, it calls nothing");
                }
                return "heartbeat";
            }
            case TCP -> {
                java.net.URI uri = OutboundAddresses.checkScheme("url", requireUrl(url), java.util.Set.of("tcp"));
                if (uri.getPort() < 1 || uri.getPort() > 65_535) {
                    throw InvalidRequestException.ofField("validation-failed", "url", "tcp://host:port, with a port from 1 to 65535");
                }
                return url;
            }
            case TLS -> {
                OutboundAddresses.checkScheme("url", requireUrl(url), java.util.Set.of("https"));
                return url;
            }
            default -> {
                OutboundAddresses.check("url", requireUrl(url));
                return url;
            }
        }
    }

    private static String requireUrl(String url) {
        if (url == null || url.isBlank()) {
            throw InvalidRequestException.ofField("validation-failed", "url", "is required");
        }
        return url;
    }

    /**
     * A beat of a heartbeat check, by its secret: recorded as an up run (so it counts in availability). False when
     * no heartbeat check has that secret.
     */
    public boolean beat(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{32}")) {
            return false;
        }
        Optional<Check> check = claims.heartbeat(com.aiaops.shared.Sha256.hex(token));
        if (check.isEmpty()) {
            return false;
        }
        com.aiaops.access.OrganizationScope.within(check.get().organizationId(), () -> {
            CheckRun run = new CheckRun(clock.instant(), true, null, null, 1, null);
            claims.recordBeat(check.get().id(), run);
            count(check.get(), run);
        });
        return true;
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
        CheckRun run;
        if (check.kind() == CheckKind.HEARTBEAT) {
            run = heartbeatVerdict(check);
            if (run.up()) {
                return run; // the beat itself was the up run; a check between beats adds none
            }
        } else {
            // Checked at every run, not only when defined: a name may resolve elsewhere by now.
            URI url = switch (check.kind()) {
                case TCP -> OutboundAddresses.checkScheme("url", check.url(), java.util.Set.of("tcp"));
                case TLS -> OutboundAddresses.checkScheme("url", check.url(), java.util.Set.of("https"));
                default -> OutboundAddresses.check("url", check.url());
            };
            run = probe.probe(url, check.options(), check.timeoutMillis(), check.expectedStatus(), check.retries(), clock);
        }
        claims.record(checkId, run);
        count(check, run);
        return run;
    }

    /** A missed beat: none since the last one (or since the check was made) within the interval plus the grace. */
    private CheckRun heartbeatVerdict(Check check) {
        Instant now = clock.instant();
        Instant since = check.lastBeatAt() != null ? check.lastBeatAt() : check.createdAt();
        int grace = check.options().graceSeconds() == null ? 0 : check.options().graceSeconds();
        Instant deadline = since.plusSeconds(check.intervalSeconds() + (long) grace);
        if (now.isAfter(deadline)) {
            return new CheckRun(now, false, null, null, 1, (check.lastBeatAt() == null ? "no beat since the check was made at "
                    : "no beat since ") + since + " (expected every " + check.intervalSeconds() + " s, " + grace + " s grace)");
        }
        return new CheckRun(now, true, null, null, 1, null);
    }

    private void count(Check check, CheckRun run) {
        // The run counts in the service's availability like any request; its key makes a repeated feed count once.
        UUID checkId = check.id();
        Service service = services.find(check.organizationId(), check.serviceId()).orElse(null);
        if (service != null) {
            telemetry.ingest(Caller.system(check.organizationId()), "check-" + checkId + "-" + run.at().toEpochMilli(),
                    List.of(new Observation(service.slug(), run.at(), run.httpStatus(),
                            run.up() ? Observation.Outcome.GOOD : Observation.Outcome.BAD, run.latencyMillis())));
        }
    }

    /** Uptime = up runs / all runs in [from, to), the way Uptime Kuma counts it. */
    @Transactional
    public Uptime uptime(Caller caller, UUID id, Instant from, Instant to) {
        find(caller, id);
        return Uptime.of(from, to, repository.upAndDown(id, from, to));
    }

    /** The uptime of every check of the organisation (of one service, when given) over [from, to), by name. */
    @Transactional
    public List<CheckUptime> uptimes(Caller caller, UUID serviceId, Instant from, Instant to) {
        List<Check> chosen = repository.ofService(serviceId, 10_000);
        Map<UUID, long[]> counts = repository.upAndDown(chosen.stream().map(Check::id).toList(), from, to);
        return chosen.stream().map(c -> new CheckUptime(c.id(), c.name(), c.serviceId(),
                Uptime.of(from, to, counts.getOrDefault(c.id(), new long[2])))).toList();
    }

    public record CheckUptime(UUID checkId, String name, UUID serviceId, Uptime uptime) {
    }

    @Transactional
    public List<CheckResult> results(Caller caller, UUID id, Instant from, Instant to, int max) {
        find(caller, id);
        return repository.results(id, from, to, max);
    }

    public record Uptime(Instant from, Instant to, long upRuns, long downRuns, Double uptime) {
        static Uptime of(Instant from, Instant to, long[] upAndDown) {
            long runs = upAndDown[0] + upAndDown[1];
            return new Uptime(from, to, upAndDown[0], upAndDown[1], runs == 0 ? null : (double) upAndDown[0] / runs);
        }
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
        state.put("kind", check.kind().name());
        return state;
    }
}
