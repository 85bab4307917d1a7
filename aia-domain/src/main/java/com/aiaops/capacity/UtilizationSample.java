package com.aiaops.capacity;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A service's utilisation in one minute (averages over its instances). One per minute: a resend replaces it. */
@Entity
@Table(name = "utilization_sample", uniqueConstraints = @UniqueConstraint(columnNames = {"service_id", "minute_start"}))
public class UtilizationSample {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(name = "minute_start", nullable = false) // MINUTE is a reserved word in H2
    private Instant minute;

    @Column(name = "cpu_percent", nullable = false)
    private double cpuPercent;

    @Column(name = "memory_percent", nullable = false)
    private double memoryPercent;

    @Column(nullable = false)
    private int instances;

    protected UtilizationSample() {
    }

    UtilizationSample(UUID organizationId, UUID serviceId, Instant minute, double cpuPercent, double memoryPercent, int instances) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.minute = minute;
        update(cpuPercent, memoryPercent, instances);
    }

    void update(double cpu, double memory, int count) {
        this.cpuPercent = cpu;
        this.memoryPercent = memory;
        this.instances = count;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public Instant minute() {
        return minute;
    }

    public double cpuPercent() {
        return cpuPercent;
    }

    public double memoryPercent() {
        return memoryPercent;
    }

    public int instances() {
        return instances;
    }
}
