package com.aiaops.audit;

import com.aiaops.shared.Sha256;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One audited change. {@code hash} covers the previous event's hash and a digest of the payload,
 * so a changed, removed or reordered event breaks the chain, while a payload redacted for erasure
 * (its digest kept) does not.
 */
@Entity
@Table(name = "audit_event",
        uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "sequence_number"}),
        indexes = @Index(name = "audit_event_target", columnList = "organization_id, target_type, target_id"))
public class AuditEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    private Long id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "sequence_number", nullable = false)
    private long sequenceNumber;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 60)
    private String actor;

    @Column(nullable = false, length = 60)
    private String action;

    @Column(name = "target_type", nullable = false, length = 40)
    private String targetType;

    @Column(name = "target_id", length = 60)
    private String targetId;

    @Column(name = "before_state", length = 100_000)
    private String before;

    @Column(name = "after_state", length = 100_000)
    private String after;

    @Column(name = "payload_digest", nullable = false, length = 64)
    private String payloadDigest;

    @Column(name = "previous_hash", nullable = false, length = 64)
    private String previousHash;

    @Column(nullable = false, length = 64)
    private String hash;

    @Column(name = "redacted_at")
    private Instant redactedAt;

    protected AuditEvent() {
    }

    AuditEvent(UUID organizationId, long sequenceNumber, Instant occurredAt, String actor, String action,
               String targetType, String targetId, String before, String after, String previousHash) {
        this.organizationId = organizationId;
        this.sequenceNumber = sequenceNumber;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.before = before;
        this.after = after;
        this.payloadDigest = payloadDigestOf(before, after);
        this.previousHash = previousHash;
        this.hash = computeHash();
    }

    static String payloadDigestOf(String before, String after) {
        return Sha256.hex((before == null ? "null" : before) + "\n" + (after == null ? "null" : after));
    }

    /** The hash this event must carry, recomputed from its fields. */
    String computeHash() {
        return Sha256.hex(String.join("|", organizationId.toString(), Long.toString(sequenceNumber),
                occurredAt.toString(), actor, action, targetType, targetId == null ? "" : targetId,
                payloadDigest, previousHash));
    }

    /** Whether the stored payload still matches its digest (a redacted payload is exempt: only its digest remains). */
    boolean payloadIntact() {
        return redactedAt != null || payloadDigest.equals(payloadDigestOf(before, after));
    }

    /** Removes personal data from the payload for erasure; the digest, and so the chain, is kept. */
    void redact(Instant when) {
        if (redactedAt == null) {
            this.before = null;
            this.after = null;
            this.redactedAt = when;
        }
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    public String payloadDigest() {
        return payloadDigest;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }

    public Instant redactedAt() {
        return redactedAt;
    }
}
