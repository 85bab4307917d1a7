package com.aiaops.cost;

import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One imported FOCUS file: its content digest (the same file twice is imported once) and what it held. */
@Entity
@Table(name = "cost_import", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "digest"}))
public class CostImport implements KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 64)
    private String digest;

    @Column(nullable = false)
    private long rows;

    @Column(name = "unallocated_rows", nullable = false)
    private long unallocatedRows;

    @Column(name = "effective_cost", nullable = false, precision = 30, scale = FocusFormat.AMOUNT_SCALE)
    private BigDecimal effectiveCost;

    @Column(name = "first_charge_at")
    private Instant firstChargeAt;

    @Column(name = "last_charge_at")
    private Instant lastChargeAt;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    protected CostImport() {
    }

    CostImport(UUID id, UUID organizationId, String digest, long rows, long unallocatedRows, BigDecimal effectiveCost, Instant firstChargeAt,
               Instant lastChargeAt, Instant importedAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.digest = digest;
        this.rows = rows;
        this.unallocatedRows = unallocatedRows;
        this.effectiveCost = effectiveCost;
        this.firstChargeAt = firstChargeAt;
        this.lastChargeAt = lastChargeAt;
        this.importedAt = importedAt;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String digest() {
        return digest;
    }

    public long rows() {
        return rows;
    }

    public long unallocatedRows() {
        return unallocatedRows;
    }

    public BigDecimal effectiveCost() {
        return effectiveCost;
    }

    public Instant firstChargeAt() {
        return firstChargeAt;
    }

    public Instant lastChargeAt() {
        return lastChargeAt;
    }

    public Instant importedAt() {
        return importedAt;
    }
}
