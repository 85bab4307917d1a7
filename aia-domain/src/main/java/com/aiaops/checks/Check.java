package com.aiaops.checks;

import com.aiaops.shared.Ids;
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
public class Check {
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
    }

    /** Applies a run's outcome: DOWN only once more runs in a row failed than the retries allow. */
    void record(CheckRun run) {
        lastRunAt = run.at();
        lastLatencyMillis = run.latencyMillis();
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

    public Instant createdAt() {
        return createdAt;
    }
}
