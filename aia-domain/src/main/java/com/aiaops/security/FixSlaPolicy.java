package com.aiaops.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.util.UUID;

/** How soon an organisation fixes a finding of each severity (defaults: critical 24 h, high 7 days, medium 30, low 90). */
@Entity
@Table(name = "fix_sla_policy")
public class FixSlaPolicy {
    public static final Duration CRITICAL = Duration.ofHours(24);
    public static final Duration HIGH = Duration.ofDays(7);
    public static final Duration MEDIUM = Duration.ofDays(30);
    public static final Duration LOW = Duration.ofDays(90);

    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(name = "critical_seconds", nullable = false)
    private long criticalSeconds;

    @Column(name = "high_seconds", nullable = false)
    private long highSeconds;

    @Column(name = "medium_seconds", nullable = false)
    private long mediumSeconds;

    @Column(name = "low_seconds", nullable = false)
    private long lowSeconds;

    protected FixSlaPolicy() {
    }

    public FixSlaPolicy(UUID organizationId, Duration critical, Duration high, Duration medium, Duration low) {
        this.organizationId = organizationId;
        set(critical, high, medium, low);
    }

    public static FixSlaPolicy defaults(UUID organizationId) {
        return new FixSlaPolicy(organizationId, CRITICAL, HIGH, MEDIUM, LOW);
    }

    void set(Duration critical, Duration high, Duration medium, Duration low) {
        this.criticalSeconds = critical.toSeconds();
        this.highSeconds = high.toSeconds();
        this.mediumSeconds = medium.toSeconds();
        this.lowSeconds = low.toSeconds();
    }

    /** The time to fix a finding of this severity; UNKNOWN is given the LOW time. */
    public Duration fixWithin(FindingSeverity severity) {
        return Duration.ofSeconds(switch (severity) {
            case CRITICAL -> criticalSeconds;
            case HIGH -> highSeconds;
            case MEDIUM -> mediumSeconds;
            case LOW, UNKNOWN -> lowSeconds;
        });
    }

    public UUID organizationId() {
        return organizationId;
    }
}
