package com.aiaops.catalog;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A service an organisation operates and measures. */
@Entity
@Table(name = "service", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "slug"}))
public class Service implements com.aiaops.shared.KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 63)
    private String slug;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "owner_team", nullable = false, length = 100)
    private String ownerTeam;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Tier tier;

    @Column(length = 2000)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Service() {
    }

    public Service(UUID organizationId, String slug, String displayName, String ownerTeam, Tier tier,
                   String description, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.slug = slug;
        this.displayName = displayName;
        this.ownerTeam = ownerTeam;
        this.tier = tier;
        this.description = description;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public void describe(String newDisplayName, String newOwnerTeam, Tier newTier, String newDescription, Instant when) {
        this.displayName = newDisplayName;
        this.ownerTeam = newOwnerTeam;
        this.tier = newTier;
        this.description = newDescription;
        this.updatedAt = when;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    public String ownerTeam() {
        return ownerTeam;
    }

    public Tier tier() {
        return tier;
    }

    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
