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

    /** Whether {@code token} can be one of {@link #newToken(int) newToken(32)}'s: checked before its digest is looked up. */
    public static boolean isWellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    /** A token of {@code bytes} random bytes: 32 give 43 characters, 24 give 32. */
    public static String newToken(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
