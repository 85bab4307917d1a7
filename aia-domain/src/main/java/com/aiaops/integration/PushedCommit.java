package com.aiaops.integration;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A commit a push told of, waiting for the deployment that ships it: its time is where lead time for changes starts.
 * The next counted deployment of the repository takes every commit waiting from before it.
 */
@Entity
@Table(name = "integration_commit", uniqueConstraints = @UniqueConstraint(columnNames = {"integration_id", "sha"}))
public class PushedCommit {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "integration_id", nullable = false)
    private UUID integrationId;

    @Column(nullable = false, length = 64)
    private String sha;

    @Column(name = "committed_at", nullable = false)
    private Instant committedAt;

    @Column(name = "pushed_at", nullable = false)
    private Instant pushedAt;

    protected PushedCommit() {
    }

    PushedCommit(Integration integration, String sha, Instant committedAt, Instant pushedAt) {
        this.id = Ids.newId();
        this.organizationId = integration.organizationId();
        this.integrationId = integration.id();
        this.sha = sha;
        this.committedAt = committedAt;
        this.pushedAt = pushedAt;
    }

    public String sha() {
        return sha;
    }

    public Instant committedAt() {
        return committedAt;
    }
}
