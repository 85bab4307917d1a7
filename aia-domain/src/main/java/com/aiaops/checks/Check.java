package com.aiaops.checks;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An HTTP check of one URL for one service, and its current state. */
@Entity
@Table(name = "synthetic_check", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "name"}))
public class Check implements KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(name = "interval_seconds", nullable = false)
    private int intervalSeconds;

    @Column(name = "timeout_ms", nullable = false)
    private int timeoutMillis;

    @Column(name = "expected_status", nullable = false)
    private int expectedStatus;

    @Column(nullable = false)
    private int retries;

    @Column(nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private CheckStatus status;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    /** When the next run is due; claiming a run moves it forward, once, for the whole cluster. */
    @Column(name = "next_run_at", nullable = false)
    private Instant nextRunAt;

    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Column(name = "last_latency_ms")
    private Double lastLatencyMillis;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 12)
    private CheckKind kind;

    /** HTTP: the body must contain this text. */
    @Column(name = "body_contains", length = 200)
    private String bodyContains;

    /** HTTP: a JSON path ({@code $.a.b[0]}) that must exist in the body, equal to {@link #jsonExpected} when set. */
    @Column(name = "json_path", length = 200)
    private String jsonPath;

    @Column(name = "json_expected", length = 200)
    private String jsonExpected;

    /** TLS: down when the certificate expires in fewer days than this. */
    @Column(name = "tls_min_days")
    private Integer tlsMinDays;

    /** TLS: whether the chain and the host name are verified (off only for a private CA one chooses to trust). */
    @Column(name = "tls_verify", nullable = false)
    private boolean tlsVerify;

    @Column(name = "tls_expires_at")
    private Instant tlsExpiresAt;

    /** HEARTBEAT: how late a beat may be after the interval. */
    @Column(name = "grace_seconds")
    private Integer graceSeconds;

    /** HEARTBEAT: the digest of the secret in the beat address. */
    @Column(name = "heartbeat_digest", length = 64, unique = true)
    private String heartbeatDigest;

    @Column(name = "last_beat_at")
    private Instant lastBeatAt;

    protected Check() {
    }

    public Check(UUID organizationId, UUID serviceId, String name, String url, int intervalSeconds, int timeoutMillis,
                 int expectedStatus, int retries, boolean enabled, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.name = name;
        this.url = url;
        this.intervalSeconds = intervalSeconds;
        this.timeoutMillis = timeoutMillis;
        this.expectedStatus = expectedStatus;
        this.retries = retries;
        this.enabled = enabled;
        this.status = CheckStatus.UNKNOWN;
        this.nextRunAt = createdAt;
        this.createdAt = createdAt;
        this.kind = CheckKind.HTTP;
        this.tlsVerify = true;
    }

    /** What the kinds other than a plain HTTP status check need; set once, when the check is defined. */
    public record Options(CheckKind kind, String bodyContains, String jsonPath, String jsonExpected, Integer tlsMinDays,
                          boolean tlsVerify, Integer graceSeconds) {
        public static final Options HTTP = new Options(CheckKind.HTTP, null, null, null, null, true, null);
    }

    void configure(Options options, String heartbeatDigest) {
        this.kind = options.kind();
        this.bodyContains = options.bodyContains();
        this.jsonPath = options.jsonPath();
        this.jsonExpected = options.jsonExpected();
        this.tlsMinDays = options.tlsMinDays();
        this.tlsVerify = options.tlsVerify();
        this.graceSeconds = options.graceSeconds();
        this.heartbeatDigest = heartbeatDigest;
    }

    void beat(Instant at) {
        lastBeatAt = at;
    }

    /** Applies a run's outcome: DOWN only once more runs in a row failed than the retries allow. */
    void record(CheckRun run) {
        lastRunAt = run.at();
        lastLatencyMillis = run.latencyMillis();
        if (run.certificateExpiresAt() != null) {
            tlsExpiresAt = run.certificateExpiresAt();
        }
        if (run.up()) {
            consecutiveFailures = 0;
            status = CheckStatus.UP;
            lastError = null;
        } else {
            consecutiveFailures++;
            lastError = run.error();
            if (consecutiveFailures > retries) {
                status = CheckStatus.DOWN;
            }
        }
    }

    public void pause() {
        enabled = false;
    }

    public void resume(Instant now) {
        enabled = true;
        nextRunAt = now;
    }

    public UUID id() {
        return id;
    }

    @Override
    public UUID organizationId() {
        return organizationId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public int intervalSeconds() {
        return intervalSeconds;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    public int expectedStatus() {
        return expectedStatus;
    }

    public int retries() {
        return retries;
    }

    public boolean enabled() {
        return enabled;
    }

    public CheckStatus status() {
        return status;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public Instant nextRunAt() {
        return nextRunAt;
    }

    public Instant lastRunAt() {
        return lastRunAt;
    }

    public Double lastLatencyMillis() {
        return lastLatencyMillis;
    }

    public String lastError() {
        return lastError;
    }

    public CheckKind kind() {
        return kind;
    }

    public Options options() {
        return new Options(kind, bodyContains, jsonPath, jsonExpected, tlsMinDays, tlsVerify, graceSeconds);
    }

    public Instant tlsExpiresAt() {
        return tlsExpiresAt;
    }

    public Instant lastBeatAt() {
        return lastBeatAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
