package com.aiaops.tenancy;

import com.aiaops.access.Role;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An account's membership of one organisation, with its role there. */
@Entity
@Table(name = "member", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "account_id"}))
public class Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Member() {
    }

    public Member(UUID organizationId, Account account, Role role, Instant createdAt) {
        if (!role.isMemberRole()) {
            throw new IllegalArgumentException("INGEST is a scope for API keys, not a member role");
        }
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.account = account;
        this.role = role;
        this.createdAt = createdAt;
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public Account account() {
        return account;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
