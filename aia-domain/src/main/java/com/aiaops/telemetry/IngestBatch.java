package com.aiaops.telemetry;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A batch that was applied, by its idempotency key: a retry with the same key is answered from here and
 * counted once. The body digest tells a retry from a different batch that reuses the key.
 */
@Entity
@NamedQuery(name = "IngestBatch.deleteReceivedBefore", query = "delete from IngestBatch b where b.receivedAt < :cutoff")
@Table(name = "telemetry_ingest_batch", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "idempotency_key"}))
public class IngestBatch {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "idempotency_key", nullable = false, length = 128)
    private String idempotencyKey;

    @Column(name = "body_digest", nullable = false, length = 64)
    private String bodyDigest;

    @Column(nullable = false)
    private int observations;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected IngestBatch() {
    }

    IngestBatch(UUID organizationId, String idempotencyKey, String bodyDigest, int observations, Instant receivedAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.idempotencyKey = idempotencyKey;
        this.bodyDigest = bodyDigest;
        this.observations = observations;
        this.receivedAt = receivedAt;
    }

    public UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    public String bodyDigest() {
        return bodyDigest;
    }

    public int observations() {
        return observations;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
