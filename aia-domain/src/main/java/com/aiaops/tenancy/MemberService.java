package com.aiaops.tenancy;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;

import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.shared.StaleVersionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The members of the caller's organisation: adding, changing roles, removing and erasing them. */
@ApplicationScoped
public class MemberService {
    private static final Logger LOG = Logger.getLogger(MemberService.class);

    @Inject
    TenancyRepository repository;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public Page<Member> list(Caller caller, PageRequest page) {
        UUID after = page.afterKey() == null ? null : com.aiaops.shared.Ids.parse(page.afterKey(), "cursor");
        return page.toPage(repository.membersAfter(after, page.limit() + 1), m -> m.id().toString());
    }

    @Transactional
    public Member get(Caller caller, UUID memberId) {
        return find(caller, memberId);
    }

    /**
     * Adds a person. A new e-mail gets an account with the given password; an existing account is
     * added as it is (its password is never changed by another organisation's admin).
     */
    @Transactional
    public Member add(Caller caller, String email, String displayName, Role role, String password) {
        Account account = repository.accountByEmail(email).orElse(null);
        if (account == null) {
            if (password == null) {
                throw new com.aiaops.shared.InvalidRequestException("validation-failed", "A new account needs an initial password",
                        List.of(new com.aiaops.shared.InvalidRequestException.Violation("password", "required for a new account")));
            }
            account = new Account(email, displayName, passwordHasher.hash(password), clock.instant());
            repository.add(account);
        } else if (repository.memberByAccount(caller.organizationId(), account.id()).isPresent()) {
            throw new ConflictException("already-member", "This person is already a member of the organisation");
        }
        Member member = new Member(caller.organizationId(), account, role, clock.instant());
        repository.add(member);
        audit.record(caller, "member.added", "member", member.id(), null, snapshot(member));
        return member;
    }

    @Transactional
    public Member update(Caller caller, UUID memberId, Role newRole, String newDisplayName, Long expectedVersion) {
        Member member = find(caller, memberId);
        if (expectedVersion != null && expectedVersion != member.version()) {
            throw new StaleVersionException("member", expectedVersion, member.version());
        }
        Map<String, Object> before = snapshot(member);
        if (newRole != null && newRole != member.role()) {
            if (member.role() == Role.ADMIN) {
                requireAnotherAdmin(caller);
            }
            member.changeRole(newRole);
        }
        if (newDisplayName != null) {
            member.account().rename(newDisplayName);
        }
        audit.record(caller, "member.updated", "member", member.id(), before, snapshot(member));
        return member;
    }

    @Transactional
    public void remove(Caller caller, UUID memberId) {
        Member member = find(caller, memberId);
        if (member.role() == Role.ADMIN) {
            requireAnotherAdmin(caller);
        }
        audit.record(caller, "member.removed", "member", member.id(), snapshot(member), null);
        repository.remove(member);
    }

    /**
     * GDPR erasure: the membership ends, the audit payloads about the member or naming them are redacted
     * (their digests keep the chain verifiable), and the account is pseudonymised once it belongs to
     * no other organisation.
     */
    @Transactional
    public ErasureReport erase(Caller caller, UUID memberId) {
        Member member = find(caller, memberId);
        if (member.role() == Role.ADMIN) {
            requireAnotherAdmin(caller);
        }
        Account account = member.account();
        List<String> personalTexts = new ArrayList<>(List.of(account.email(), account.displayName()));
        repository.remove(member);
        boolean accountErased = repository.membershipsOf(account.id()).isEmpty();
        if (accountErased) {
            account.erase(clock.instant());
        }
        int redacted = audit.redact(caller.organizationId(), "member", List.of(member.id().toString()), personalTexts);
        audit.record(caller, "member.erased", "member", member.id(), null,
                Map.of("accountPseudonymised", accountErased, "auditEventsRedacted", redacted));
        LOG.infof("Member %s erased; %d audit events redacted; account pseudonymised: %s", member.id(), redacted, accountErased);
        return new ErasureReport(member.id(), accountErased, redacted);
    }

    private Member find(Caller caller, UUID memberId) {
        return repository.member(caller.organizationId(), memberId)
                .orElseThrow(() -> new NotFoundException("member", memberId));
    }

    private void requireAnotherAdmin(Caller caller) {
        if (repository.countAdmins(caller.organizationId()) <= 1) {
            throw new ConflictException("last-admin", "An organisation keeps at least one ADMIN; make someone else ADMIN first");
        }
    }

    static Map<String, Object> snapshot(Member member) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("email", member.account().email());
        state.put("displayName", member.account().displayName());
        state.put("role", member.role().name());
        return state;
    }

    public record ErasureReport(UUID memberId, boolean accountPseudonymised, int auditEventsRedacted) {
    }
}
