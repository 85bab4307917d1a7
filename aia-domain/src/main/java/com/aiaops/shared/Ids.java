package com.aiaops.shared;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/** Identifiers: time-ordered UUIDs (RFC 9562 version 7), so keyset pagination follows creation order. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long mostSignificant = (millis << 16) | (0x7L << 12) | randA;
        long leastSignificant = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /**
     * A time-ordered id for rows written in bulk (a million cost lines in one import) whose ids are never secrets
     * nor guessable handles: the thread's own random generator, without SecureRandom's lock.
     */
    public static UUID newBulkId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long mostSignificant = (System.currentTimeMillis() << 16) | (0x7L << 12) | random.nextInt(1 << 12);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** Parses an identifier given by a client; an unparseable one is refused as invalid, never as a server error. */
    public static UUID parse(String text, String what) {
        return tryParse(text).orElseThrow(() -> new InvalidRequestException("invalid-id",
                "'" + abbreviate(text) + "' is not a valid " + what + " id (a UUID is expected)"));
    }

    public static Optional<UUID> tryParse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
