package com.aiaops.capacity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A service's capacity and scaling triggers. Defaults: scale up when CPU > 70 % or memory > 80 % for 15 minutes;
 * scale down when CPU < 30 % and memory < 50 % for 60 minutes; no stated capacity (no "days until full").
 */
@Entity
@Table(name = "capacity_plan")
public class CapacityPlan {
    @Id
    @Column(name = "service_id")
    private UUID serviceId;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    /** Requests per second the service can take at peak; null when not stated. */
    @Column(name = "capacity_rps")
    private Double capacityRps;

    @Column(name = "up_cpu", nullable = false)
    private double upCpu;

    @Column(name = "up_memory", nullable = false)
    private double upMemory;

    @Column(name = "up_minutes", nullable = false)
    private int upMinutes;

    @Column(name = "down_cpu", nullable = false)
    private double downCpu;

    @Column(name = "down_memory", nullable = false)
    private double downMemory;

    @Column(name = "down_minutes", nullable = false)
    private int downMinutes;

    protected CapacityPlan() {
    }

    public CapacityPlan(UUID organizationId, UUID serviceId, Double capacityRps, ScalingTriggers triggers) {
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        set(capacityRps, triggers);
    }

    public static CapacityPlan defaults(UUID organizationId, UUID serviceId) {
        return new CapacityPlan(organizationId, serviceId, null, ScalingTriggers.DEFAULTS);
    }

    void set(Double capacity, ScalingTriggers t) {
        capacityRps = capacity;
        upCpu = t.upCpuAbove();
        upMemory = t.upMemoryAbove();
        upMinutes = t.upMinutes();
        downCpu = t.downCpuBelow();
        downMemory = t.downMemoryBelow();
        downMinutes = t.downMinutes();
    }

    public ScalingTriggers triggers() {
        return new ScalingTriggers(upCpu, upMemory, upMinutes, downCpu, downMemory, downMinutes);
    }

    public Double capacityRps() {
        return capacityRps;
    }

    public UUID serviceId() {
        return serviceId;
    }
}
