package com.aiaops.web.tenancy;

import com.aiaops.tenancy.Account;
import com.aiaops.tenancy.ApiKey;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.OrganizationService;
import com.aiaops.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of tenancy answers. */
public final class TenancyViews {
    private TenancyViews() {
    }

    public record OrganizationView(UUID id, String slug, String name, Instant createdAt, long version) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.slug(), o.name(), o.createdAt(), o.version());
        }
    }

    public record MemberView(UUID id, String email, String displayName, Role role, Instant createdAt, long version) {
        static MemberView of(Member m) {
            return new MemberView(m.id(), m.account().email(), m.account().displayName(), m.role(), m.createdAt(), m.version());
        }
    }

    public record MembershipView(UUID organizationId, String slug, String name, Role role) {
        static MembershipView of(OrganizationService.Membership m) {
            return new MembershipView(m.organization().id(), m.organization().slug(), m.organization().name(), m.member().role());
        }
    }

    public record AccountView(UUID id, String email, String displayName) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.email(), a.displayName());
        }
    }

    public record SessionView(AccountView account, MembershipView current, List<MembershipView> memberships) {
    }

    public record ApiKeyView(UUID id, String name, String prefix, Role scope, String status, int rateLimitPerMinute,
                             Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                             UUID replacedBy) {
        static ApiKeyView of(ApiKey k, Instant now) {
            return new ApiKeyView(k.id(), k.name(), k.prefix(), k.scope(), k.status(now), k.rateLimitPerMinute(),
                    k.createdAt(), k.createdBy(), k.expiresAt(), k.revokedAt(), k.lastUsedAt(), k.replacedBy());
        }
    }

    /** A key as issued: the only answer that ever contains its token. */
    public record IssuedApiKeyView(ApiKeyView key, String token) {
    }
}
