package com.aiaops.statuspage;

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

/** A service as it appears on the public status page, under a public name, with an optional status set by hand. */
@Entity
@Table(name = "status_component", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "service_id"}))
public class StatusComponent implements com.aiaops.shared.KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private int position;

    /** Set by hand, it wins over what alerts, incidents and SLOs say, until it is cleared. */
    @Enumerated(EnumType.STRING)
    @Column(name = "override_status", length = 24)
    private ComponentStatus override;

    @Column(name = "override_note", length = 500)
    private String overrideNote;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StatusComponent() {
    }

    StatusComponent(UUID organizationId, UUID serviceId, String name, int position, Instant at) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.name = name;
        this.position = position;
        this.updatedAt = at;
    }

    void override(ComponentStatus status, String note, Instant at) {
        this.override = status;
        this.overrideNote = status == null ? null : note;
        this.updatedAt = at;
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

    public int position() {
        return position;
    }

    public ComponentStatus override() {
        return override;
    }

    public String overrideNote() {
        return overrideNote;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
