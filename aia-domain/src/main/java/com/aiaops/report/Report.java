package com.aiaops.report;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A report of one organisation for one period, in CSV and in HTML. */
@Entity
@Table(name = "report", indexes = @Index(name = "report_org", columnList = "organization_id, created_at"))
public class Report {
    public enum Kind { SLA_MONTHLY, COST_MONTHLY, WEEKLY_REVIEW }

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    /** "2026-10" for a month, "2026-W47" for a week. */
    @Column(nullable = false, length = 10)
    private String period;

    @Column(name = "period_start", nullable = false)
    private Instant periodStart;

    @Column(name = "period_end", nullable = false)
    private Instant periodEnd;

    @Column(nullable = false, length = 1_000_000)
    private String csv;

    @Column(nullable = false, length = 1_000_000)
    private String html;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Report() {
    }

    Report(UUID organizationId, Kind kind, String period, Instant periodStart, Instant periodEnd, String csv, String html, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.kind = kind;
        this.period = period;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.csv = csv;
        this.html = html;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public Kind kind() {
        return kind;
    }

    public String period() {
        return period;
    }

    public Instant periodStart() {
        return periodStart;
    }

    public Instant periodEnd() {
        return periodEnd;
    }

    public String csv() {
        return csv;
    }

    public String html() {
        return html;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
