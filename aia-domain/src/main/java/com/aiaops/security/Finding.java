package com.aiaops.security;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A vulnerability of a package in a service, as scans report it: open from the first report that lists it, fixed
 * by the first later report that does not. Its fix-by date is set when first seen, from the severity's fix SLA.
 */
@Entity
@Table(name = "security_finding",
        uniqueConstraints = @UniqueConstraint(columnNames = {"service_id", "vulnerability_id", "package_name", "target"}),
        indexes = @Index(name = "finding_org_state", columnList = "organization_id, fixed_at"))
public class Finding implements KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(name = "vulnerability_id", nullable = false, length = 64)
    private String vulnerabilityId;

    @Column(name = "package_name", nullable = false, length = 200)
    private String packageName;

    /** What was scanned: an image layer, a lock file (Trivy's Result Target). */
    @Column(nullable = false, length = 300)
    private String target;

    @Column(name = "installed_version", length = 100)
    private String installedVersion;

    @Column(name = "fixed_version", length = 200)
    private String fixedVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private FindingSeverity severity;

    @Column(length = 500)
    private String title;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "fixed_at")
    private Instant fixedAt;

    protected Finding() {
    }

    Finding(UUID organizationId, UUID serviceId, ScanReport.Vulnerability v, Instant seenAt, Instant dueAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.vulnerabilityId = v.vulnerabilityId();
        this.packageName = v.packageName();
        this.target = v.target();
        this.firstSeenAt = seenAt;
        this.dueAt = dueAt;
        seen(v, seenAt);
    }

    /** Listed again: still open (reopened if it had been fixed; the original fix-by date stands). */
    void seen(ScanReport.Vulnerability v, Instant at) {
        installedVersion = v.installedVersion();
        fixedVersion = v.fixedVersion();
        severity = v.severity();
        title = v.title();
        lastSeenAt = at;
        fixedAt = null;
    }

    void fixed(Instant at) {
        fixedAt = at;
    }

    public boolean open() {
        return fixedAt == null;
    }

    public boolean overdue(Instant now) {
        return open() && dueAt.isBefore(now);
    }

    /**
     * The last instant at which {@link #overdue} still answers as it does at {@code now}: an open finding not yet overdue
     * turns overdue just after its fix-by date; otherwise only a change of the finding changes the answer.
     */
    public Instant overdueHoldsUntil(Instant now) {
        return open() && !overdue(now) ? dueAt : Instant.MAX;
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

    public String vulnerabilityId() {
        return vulnerabilityId;
    }

    public String packageName() {
        return packageName;
    }

    public String target() {
        return target;
    }

    public String installedVersion() {
        return installedVersion;
    }

    public String fixedVersion() {
        return fixedVersion;
    }

    public FindingSeverity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant fixedAt() {
        return fixedAt;
    }
}
