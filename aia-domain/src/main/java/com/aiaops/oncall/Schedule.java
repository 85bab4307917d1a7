package com.aiaops.oncall;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/** An on-call schedule: one rotation of members in a time zone. */
@Entity
@Table(name = "oncall_schedule", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "name"}))
public class Schedule implements KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "first_handoff", nullable = false)
    private LocalDateTime firstHandoff;

    @Column(name = "turn_length", nullable = false)
    private int turnLength;

    @Enumerated(EnumType.STRING)
    @Column(name = "turn_unit", nullable = false, length = 8)
    private Rotation.Unit turnUnit;

    /** Member ids in turn order, separated by commas. */
    @Column(name = "member_ids", nullable = false, length = 4000)
    private String memberIds;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Schedule() {
    }

    public Schedule(UUID organizationId, String name, Rotation rotation, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.name = name;
        this.timeZone = rotation.zone().getId();
        this.firstHandoff = rotation.firstHandoff();
        this.turnLength = rotation.length();
        this.turnUnit = rotation.unit();
        this.memberIds = rotation.members().stream().map(UUID::toString).collect(Collectors.joining(","));
        this.createdAt = createdAt;
    }

    public Rotation rotation() {
        List<UUID> members = memberIds.isEmpty() ? List.of() : Arrays.stream(memberIds.split(",")).map(UUID::fromString).toList();
        return new Rotation(firstHandoff, ZoneId.of(timeZone), turnLength, turnUnit, members);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }
}
