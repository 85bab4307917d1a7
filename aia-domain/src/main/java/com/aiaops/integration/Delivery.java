package com.aiaops.integration;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A sender's event already applied, by the sender's own identity of it (GitHub's deployment status id, GitLab's job
 * and status): senders deliver again after a timeout, and a deployment must be counted once.
 */
@Entity
@Table(name = "integration_delivery", uniqueConstraints = @UniqueConstraint(columnNames = {"integration_id", "delivery_key"}))
public class Delivery {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "integration_id", nullable = false)
    private UUID integrationId;

    @Column(name = "delivery_key", nullable = false, length = 200)
    private String deliveryKey;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected Delivery() {
    }

    Delivery(Integration integration, String deliveryKey, Instant receivedAt) {
        this.id = Ids.newId();
        this.organizationId = integration.organizationId();
        this.integrationId = integration.id();
        this.deliveryKey = deliveryKey;
        this.receivedAt = receivedAt;
    }
}
