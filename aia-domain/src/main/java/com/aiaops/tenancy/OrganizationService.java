package com.aiaops.tenancy;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;

import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.StaleVersionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating organisations (sign-up), reading and renaming them. */
@ApplicationScoped
public class OrganizationService {
    @Inject
    TenancyRepository repository;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * A new organisation with its first ADMIN. If the e-mail already has an account, its password must
     * match (a sign-up never takes over someone else's account).
     */
    @Transactional
    public Member signUp(String organizationSlug, String organizationName, String email, String displayName, String password) {
        if (repository.organizationBySlug(organizationSlug).isPresent()) {
            throw new ConflictException("slug-taken", "An organisation with slug '" + organizationSlug + "' already exists");
        }
        Account account = repository.accountByEmail(email).orElse(null);
        if (account == null) {
            account = new Account(email, displayName, passwordHasher.hash(password), clock.instant());
            repository.add(account);
        } else if (!passwordHasher.matches(password, account.passwordHash())) {
            throw new ConflictException("email-taken", "An account with this e-mail exists; sign up with its password to add an organisation to it");
        }
        Organization organization = new Organization(organizationSlug, organizationName, clock.instant());
        repository.add(organization);
        Member admin = new Member(organization.id(), account, Role.ADMIN, clock.instant());
        repository.add(admin);
        Caller founder = new Caller(organization.id(), Role.ADMIN, Caller.ActorKind.MEMBER, admin.id());
        audit.record(founder, "organization.created", "organization", organization.id(), null, snapshot(organization));
        audit.record(founder, "member.added", "member", admin.id(), null, MemberService.snapshot(admin));
        return admin;
    }

    @Transactional
    public Organization current(Caller caller) {
        return repository.organization(caller.organizationId())
                .orElseThrow(() -> new NotFoundException("organization", caller.organizationId()));
    }

    /** The organisation with this id, only if it is the caller's own (another one is not even confirmed to exist). */
    @Transactional
    public Organization get(Caller caller, UUID id) {
        if (!caller.organizationId().equals(id)) {
            throw new NotFoundException("organization", id);
        }
        return current(caller);
    }

    /** Every organisation an account belongs to, with the role it has in each. */
    @Transactional
    public List<Membership> membershipsOf(UUID accountId) {
        return repository.membershipsOf(accountId).stream()
                .map(m -> new Membership(repository.organization(m.organizationId()).orElseThrow(), m))
                .toList();
    }

    @Transactional
    public Organization rename(Caller caller, String newName, Long expectedVersion) {
        Organization organization = current(caller);
        if (expectedVersion != null && expectedVersion != organization.version()) {
            throw new StaleVersionException("organization", expectedVersion, organization.version());
        }
        Map<String, Object> before = snapshot(organization);
        organization.rename(newName);
        audit.record(caller, "organization.renamed", "organization", organization.id(), before, snapshot(organization));
        return organization;
    }

    static Map<String, Object> snapshot(Organization organization) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("slug", organization.slug());
        state.put("name", organization.name());
        return state;
    }

    public record Membership(Organization organization, Member member) {
    }
}
