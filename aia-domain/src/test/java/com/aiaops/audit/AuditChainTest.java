package com.aiaops.audit;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void each_event_links_to_the_hash_of_the_one_before() {
        AuditChainHead head = new AuditChainHead(UUID.randomUUID());
        AuditEvent first = head.append(T0, "member:x", "service.registered", "service", "s1", null, "{\"a\":1}");
        AuditEvent second = head.append(T0.plusSeconds(1), "member:x", "service.updated", "service", "s1", "{\"a\":1}", "{\"a\":2}");
        assertEquals(AuditChainHead.GENESIS, first.previousHash());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(2, head.lastSequenceNumber());
        assertEquals(second.hash(), head.lastHash());
        assertEquals(second.hash(), second.computeHash());
    }

    @Test
    void the_same_change_at_another_place_in_the_chain_hashes_differently() {
        AuditChainHead one = new AuditChainHead(UUID.randomUUID());
        AuditChainHead other = new AuditChainHead(UUID.randomUUID());
        assertNotEquals(one.append(T0, "a", "x", "t", "1", null, null).hash(),
                other.append(T0, "a", "x", "t", "1", null, null).hash());
    }

    @Test
    void a_redacted_payload_keeps_its_digest_and_the_chain_intact() {
        AuditChainHead head = new AuditChainHead(UUID.randomUUID());
        AuditEvent event = head.append(T0, "member:x", "member.added", "member", "m1", null, "{\"email\":\"a@b.c\"}");
        String hash = event.hash();
        event.redact(T0.plusSeconds(5));
        assertEquals(null, event.after());
        assertTrue(event.payloadIntact());
        assertEquals(hash, event.computeHash());
    }

    @Test
    void an_altered_payload_no_longer_matches_its_digest() {
        String digest = AuditEvent.payloadDigestOf(null, "{\"role\":\"VIEWER\"}");
        assertFalse(digest.equals(AuditEvent.payloadDigestOf(null, "{\"role\":\"ADMIN\"}")));
    }
}
