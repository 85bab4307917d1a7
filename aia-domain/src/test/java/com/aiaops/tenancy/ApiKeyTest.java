package com.aiaops.tenancy;

import com.aiaops.access.Role;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    private static ApiKey key(Instant expiresAt) {
        return new ApiKey(UUID.randomUUID(), "k", "prefix", "digest", Role.VIEWER, 60, NOW, "test", expiresAt);
    }

    @Test
    void a_key_works_until_it_expires() {
        ApiKey key = key(NOW.plusSeconds(60));
        assertTrue(key.isUsableAt(NOW.plusSeconds(59)));
        assertFalse(key.isUsableAt(NOW.plusSeconds(60)));
        assertEquals("EXPIRED", key.status(NOW.plusSeconds(61)));
    }

    @Test
    void a_revoked_key_stops_at_once() {
        ApiKey key = key(null);
        key.revoke(NOW);
        assertFalse(key.isUsableAt(NOW));
        assertEquals("REVOKED", key.status(NOW));
    }

    @Test
    void rotation_shortens_but_never_extends_the_old_keys_life() {
        ApiKey soon = key(NOW.plusSeconds(30));
        soon.replaceBy(UUID.randomUUID(), NOW.plusSeconds(600));
        assertEquals(NOW.plusSeconds(30), soon.expiresAt());

        ApiKey forever = key(null);
        forever.replaceBy(UUID.randomUUID(), NOW.plusSeconds(600));
        assertEquals(NOW.plusSeconds(600), forever.expiresAt());
    }
}
