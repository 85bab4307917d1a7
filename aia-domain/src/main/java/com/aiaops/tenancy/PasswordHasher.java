package com.aiaops.tenancy;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Argon2id password hashes with OWASP's recommended minimum cost (19 MiB, 2 iterations, 1 lane).
 * Verification reads the parameters from the stored hash, so raising the cost later keeps old hashes valid.
 */
@ApplicationScoped
public class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked when no account matches, so that an unknown e-mail takes as long as a wrong password. */
    private static final String DECOY_HASH = Password.hash("decoy-password").addRandomSalt(16).with(ARGON2ID).getResult();

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            Password.check(password, DECOY_HASH).with(ARGON2ID);
            return false;
        }
        return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
    }
}
