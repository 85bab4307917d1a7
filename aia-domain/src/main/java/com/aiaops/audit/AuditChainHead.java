package com.aiaops.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The newest link of an organisation's chain. Appending locks this row, so concurrent changes
 * are chained one after the other, on every node of the cluster.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {
    static final String GENESIS = "0".repeat(64);

    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(name = "last_sequence_number", nullable = false)
    private long lastSequenceNumber;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditChainHead() {
    }

    AuditChainHead(UUID organizationId) {
        this.organizationId = organizationId;
        this.lastSequenceNumber = 0;
        this.lastHash = GENESIS;
    }

    AuditEvent append(java.time.Instant occurredAt, String actor, String action, String targetType, String targetId,
                      String before, String after) {
        AuditEvent event = new AuditEvent(organizationId, lastSequenceNumber + 1, occurredAt, actor, action,
                targetType, targetId, before, after, lastHash);
        lastSequenceNumber = event.sequenceNumber();
        lastHash = event.hash();
        return event;
    }

    long lastSequenceNumber() {
        return lastSequenceNumber;
    }

    String lastHash() {
        return lastHash;
    }
}
