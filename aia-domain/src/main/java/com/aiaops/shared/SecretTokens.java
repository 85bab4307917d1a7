package com.aiaops.shared;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets that travel in addresses (calendar feeds, heartbeats, subscription links): random bytes in URL-safe Base64
 * without padding, so they need no escaping. Only their SHA-256 digest is kept where the secret grants access.
 */
public final class SecretTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** A token of {@code bytes} random bytes: 32 give 43 characters, 24 give 32. */
    public static String newToken(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
