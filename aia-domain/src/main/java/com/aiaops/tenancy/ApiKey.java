package com.aiaops.tenancy;

import com.aiaops.access.Role;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A credential for programs. Only a SHA-256 digest of the secret is stored (the secret has 256 bits
 * of entropy, so a slow hash adds nothing); the secret is shown once, when the key is issued.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 100)
    private String name;

    /** The public part of the token, used to find the key without scanning digests. */
    @Column(nullable = false, unique = true, length = 16)
    private String prefix;

    @Column(name = "secret_digest", nullable = false, length = 64)
    private String secretDigest;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role scope;

    @Column(name = "rate_limit_per_minute", nullable = false)
    private int rateLimitPerMinute;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 60)
    private String createdBy;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** When a use of this key last went into the audit trail (ADMIN keys: at most hourly). */
    @Column(name = "last_audited_use_at")
    private Instant lastAuditedUseAt;

    @Column(name = "replaced_by")
    private UUID replacedBy;

    @Version
    private long version;

    protected ApiKey() {
    }

    ApiKey(UUID organizationId, String name, String prefix, String secretDigest, Role scope, int rateLimitPerMinute,
           Instant createdAt, String createdBy, Instant expiresAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.name = name;
        this.prefix = prefix;
        this.secretDigest = secretDigest;
        this.scope = scope;
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "EXPIRED" : "ACTIVE";
    }

    public void revoke(Instant when) {
        if (revokedAt == null) {
            revokedAt = when;
        }
    }

    /** Rotation: the successor takes over; this key keeps working until {@code until} (a grace period). */
    public void replaceBy(UUID successor, Instant until) {
        this.replacedBy = successor;
        if (expiresAt == null || until.isBefore(expiresAt)) {
            this.expiresAt = until;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public String secretDigest() {
        return secretDigest;
    }

    public Role scope() {
        return scope;
    }

    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public UUID replacedBy() {
        return replacedBy;
    }
}
