package com.aiaops.tenancy;

import com.aiaops.access.Role;
import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A person asked by an admin to join the organisation with a role. The link sent to them carries a secret token, of
 * which only the digest is kept; it is good once, until it expires or is revoked.
 */
@Entity
@Table(name = "member_invitation")
public class Invitation {
    @Id
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 254)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "token_digest", nullable = false, length = 64, unique = true)
    private String tokenDigest;

    @Column(name = "invited_by")
    private UUID invitedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "member_id")
    private UUID memberId;

    protected Invitation() {
    }

    Invitation(UUID organizationId, String email, Role role, String tokenDigest, UUID invitedBy, Instant createdAt, Instant expiresAt) {
        if (!role.isMemberRole()) {
            throw new IllegalArgumentException("INGEST is a scope for API keys, not a member role");
        }
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.email = Account.normalizeEmail(email);
        this.role = role;
        this.tokenDigest = tokenDigest;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Whether the link can still be followed at {@code now}. */
    public boolean open(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }

    void acceptedAs(Member member, Instant now) {
        this.acceptedAt = now;
        this.memberId = member.id();
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public UUID invitedBy() {
        return invitedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public UUID memberId() {
        return memberId;
    }
}
