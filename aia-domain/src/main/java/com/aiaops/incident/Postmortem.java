package com.aiaops.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The post-incident review of one incident: what happened, its impact, why, and what was learned. Blameless. */
@Entity
@Table(name = "postmortem")
public class Postmortem {
    /** The incident's id: one review per incident. */
    @Id
    @Column(name = "incident_id")
    private UUID incidentId;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 8000)
    private String summary;

    @Column(length = 8000)
    private String impact;

    @Column(name = "root_cause", length = 8000)
    private String rootCause;

    @Column(length = 8000)
    private String lessons;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 80)
    private String updatedBy;

    @Version
    private long version;

    protected Postmortem() {
    }

    Postmortem(UUID organizationId, UUID incidentId) {
        this.organizationId = organizationId;
        this.incidentId = incidentId;
    }

    void write(String newSummary, String newImpact, String newRootCause, String newLessons, String by, Instant at) {
        summary = newSummary;
        impact = newImpact;
        rootCause = newRootCause;
        lessons = newLessons;
        updatedBy = by;
        updatedAt = at;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String summary() {
        return summary;
    }

    public String impact() {
        return impact;
    }

    public String rootCause() {
        return rootCause;
    }

    public String lessons() {
        return lessons;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
