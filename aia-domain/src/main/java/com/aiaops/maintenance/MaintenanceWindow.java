package com.aiaops.maintenance;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A one-off maintenance window [startsAt, endsAt) for one service, or for all when serviceId is null. */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow {
    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "service_id")
    private UUID serviceId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MaintenanceWindow() {
    }

    public MaintenanceWindow(UUID organizationId, UUID serviceId, String title, Instant startsAt, Instant endsAt, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.title = title;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String title() {
        return title;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
