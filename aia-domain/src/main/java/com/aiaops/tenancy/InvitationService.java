package com.aiaops.tenancy;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;
import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.SecretTokens;
import com.aiaops.shared.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations: an admin invites an e-mail address with a role; the person follows the link, sets a password (or, with
 * an account already, proves it with theirs) and is a member. The link is good once, for {@link #VALID_FOR}.
 */
@ApplicationScoped
public class InvitationService {
    /** How long a link may be followed: long enough for a week away, short enough to be worth little when leaked. */
    public static final Duration VALID_FOR = Duration.ofDays(7);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    TenancyRepository repository;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    InvitationLetters letters;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** An invitation as made: the token is in the link and nowhere else, so it is shown once. */
    public record Issued(Invitation invitation, String token) {
    }

    /**
     * Invites {@code email} with {@code role}; the link is {@code linkBase} followed by the token. A pending invitation
     * of the same address is replaced (its link stops working). The e-mail goes through the outbox.
     */
    @Transactional
    public Issued invite(Caller caller, String email, Role role, String linkBase) {
        if (!role.isMemberRole()) {
            throw InvalidRequestException.ofField("validation-failed", "role", "must be ADMIN, OPERATOR or VIEWER");
        }
        String address = Account.normalizeEmail(email);
        Optional<Account> account = repository.accountByEmail(address);
        if (account.isPresent() && repository.memberByAccount(caller.organizationId(), account.get().id()).isPresent()) {
            throw new ConflictException("already-member", "This person is already a member of the organisation");
        }
        em.createQuery("select i from Invitation i where i.email = :email and i.acceptedAt is null", Invitation.class)
                .setParameter("email", address).getResultList().forEach(em::remove);
        em.flush();
        String token = SecretTokens.newToken(32);
        Instant now = clock.instant();
        Invitation invitation = new Invitation(caller.organizationId(), address, role, Sha256.hex(token), caller.actorId(), now,
                now.plus(VALID_FOR));
        em.persist(invitation);
        Organization organization = repository.organization(caller.organizationId()).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("organization", organization.name());
        details.put("role", role.name());
        details.put("accept", linkBase + token);
        details.put("expires", invitation.expiresAt().toString());
        letters.send(caller.organizationId(), address, "You are invited to " + organization.name() + " on AIA Ops", details, invitation.id());
        audit.record(caller, "member.invited", "member-invitation", invitation.id(), null, Map.of("email", address, "role", role.name()));
        return new Issued(invitation, token);
    }

    /** The organisation's invitations not yet accepted, newest first (expired ones too, said by their date). */
    @Transactional
    public List<Invitation> pending(Caller caller) {
        return em.createQuery("select i from Invitation i where i.acceptedAt is null order by i.createdAt desc, i.id", Invitation.class)
                .setMaxResults(1000).getResultList();
    }

    @Transactional
    public void revoke(Caller caller, UUID id) {
        Invitation invitation = em.find(Invitation.class, id);
        if (invitation == null || !invitation.organizationId().equals(caller.organizationId()) || invitation.acceptedAt() != null) {
            throw new NotFoundException("invitation", id);
        }
        em.remove(invitation);
        audit.record(caller, "member.invitation-revoked", "member-invitation", id, Map.of("email", invitation.email()), null);
    }

    /** What a link invites to, for the page that accepts it; empty when the link is unknown, used, revoked or expired. */
    public record Offer(UUID organizationId, String organizationName, String email, Role role, Instant expiresAt, boolean accountExists) {
    }

    /** Looks the link up outside any organisation: the person following it belongs to none yet. */
    @Transactional
    public Optional<Offer> offer(String token) {
        return open(token).map(i -> new Offer(i.organizationId(), repository.organization(i.organizationId()).orElseThrow().name(),
                i.email(), i.role(), i.expiresAt(), repository.accountByEmail(i.email()).isPresent()));
    }

    /**
     * Accepts the invitation of {@code token} (called within its organisation). A new address gets an account with
     * {@code displayName} and {@code password}; an existing account must give its own password, which is never changed
     * here. Returns the new membership.
     */
    @Transactional
    public Member accept(String token, String displayName, String password) {
        Invitation invitation = open(token).orElseThrow(() -> new NotFoundException("invitation", "…"));
        Account account = repository.accountByEmail(invitation.email()).orElse(null);
        if (account == null) {
            if (displayName == null || displayName.isBlank()) {
                throw InvalidRequestException.ofField("validation-failed", "displayName", "a new account needs a name");
            }
            account = new Account(invitation.email(), displayName.strip(), passwordHasher.hash(password), clock.instant());
            repository.add(account);
        } else if (!account.canSignIn() || !passwordHasher.matches(password, account.passwordHash())) {
            throw InvalidRequestException.ofField("wrong-password", "password", "is not this account's password");
        } else if (repository.memberByAccount(invitation.organizationId(), account.id()).isPresent()) {
            throw new ConflictException("already-member", "This person is already a member of the organisation");
        }
        Member member = new Member(invitation.organizationId(), account, invitation.role(), clock.instant());
        repository.add(member);
        invitation.acceptedAs(member, clock.instant());
        audit.record(new Caller(invitation.organizationId(), member.role(), Caller.ActorKind.MEMBER, member.id()), "member.joined",
                "member", member.id(), null, Map.of("email", account.email(), "role", member.role().name(), "invitation", invitation.id().toString()));
        return member;
    }

    private Optional<Invitation> open(String token) {
        if (!com.aiaops.shared.SecretTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return em.createQuery("select i from Invitation i where i.tokenDigest = :digest", Invitation.class)
                .setParameter("digest", Sha256.hex(token)).getResultStream().findFirst().filter(i -> i.open(now));
    }
}
