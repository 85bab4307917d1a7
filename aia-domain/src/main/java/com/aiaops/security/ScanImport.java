package com.aiaops.security;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One imported scan report of a service: its digest (to recognise a re-sent report) and what it changed. */
@Entity
@Table(name = "scan_import", indexes = @Index(name = "scan_import_service", columnList = "service_id, imported_at"))
public class ScanImport implements KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(nullable = false, length = 64)
    private String digest;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    @Column(name = "vulnerabilities", nullable = false)
    private int vulnerabilities;

    @Column(name = "newly_open", nullable = false)
    private int newlyOpen;

    @Column(name = "newly_fixed", nullable = false)
    private int newlyFixed;

    /** What the report scanned (Trivy's ArtifactName); null for imports made before it was kept. */
    @Column(name = "artifact_name", length = 500)
    private String artifactName;

    protected ScanImport() {
    }

    ScanImport(UUID organizationId, UUID serviceId, String artifactName, String digest, Instant importedAt, int vulnerabilities, int newlyOpen,
               int newlyFixed) {
        this.id = Ids.newId();
        this.artifactName = artifactName;
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.digest = digest;
        this.importedAt = importedAt;
        this.vulnerabilities = vulnerabilities;
        this.newlyOpen = newlyOpen;
        this.newlyFixed = newlyFixed;
    }

    public UUID id() {
        return id;
    }

    @Override
    public UUID organizationId() {
        return organizationId;
    }

    public String artifactName() {
        return artifactName;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String digest() {
        return digest;
    }

    public Instant importedAt() {
        return importedAt;
    }

    public int vulnerabilities() {
        return vulnerabilities;
    }

    public int newlyOpen() {
        return newlyOpen;
    }

    public int newlyFixed() {
        return newlyFixed;
    }
}
