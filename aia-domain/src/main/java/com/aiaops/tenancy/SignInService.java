package com.aiaops.tenancy;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** Password sign-in for people, and resolving a signed-in session back to a caller. */
@ApplicationScoped
public class SignInService {
    @Inject
    TenancyRepository repository;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    com.aiaops.audit.AuditLog audit;

    /** The account whose password this is, if any. Unknown e-mails cost as much time as wrong passwords. */
    @Transactional
    public Optional<Account> verifyPassword(String email, String password) {
        Optional<Account> account = repository.accountByEmail(email).filter(Account::canSignIn);
        boolean matches = passwordHasher.matches(password, account.map(Account::passwordHash).orElse(null));
        return matches ? account : Optional.empty();
    }

    /**
     * Changes the signed-in person's own password, only on proof of the current one. Recorded in the
     * organisation's audit trail without either password.
     */
    @Transactional
    public void changePassword(Caller caller, UUID accountId, String currentPassword, String newPassword) {
        Account account = repository.memberByAccount(caller.organizationId(), accountId)
                .map(Member::account)
                .orElseThrow(() -> new com.aiaops.shared.NotFoundException("account", accountId));
        if (!passwordHasher.matches(currentPassword, account.passwordHash())) {
            throw new com.aiaops.shared.InvalidRequestException("wrong-password", "The current password is wrong",
                    java.util.List.of(new com.aiaops.shared.InvalidRequestException.Violation("currentPassword", "does not match")));
        }
        account.changePasswordHash(passwordHasher.hash(newPassword));
        audit.record(caller, "account.password-changed", "account", account.id(), null, null);
    }

    /** A person signed in to an organisation: an ADMIN's sign-in goes into that organisation's audit trail. */
    @Transactional
    public void signedIn(UUID accountId, UUID organizationId, String from) {
        callerFor(accountId, organizationId).filter(caller -> caller.role() == Role.ADMIN).ifPresent(caller ->
                audit.record(caller, "session.signed-in", "account", accountId, null, from == null ? null : java.util.Map.of("from", from)));
    }

    /** The caller for a session's account acting in an organisation, if the account is (still) a member there. */
    @Transactional
    public Optional<Caller> callerFor(UUID accountId, UUID organizationId) {
        return repository.memberByAccount(organizationId, accountId)
                .filter(m -> m.account().canSignIn())
                .map(m -> new Caller(organizationId, m.role(), Caller.ActorKind.MEMBER, m.id()));
    }
}
