package com.aiaops.oncall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Someone takes over a schedule for [from, to); a later override wins over an earlier one. */
@Entity
@Table(name = "oncall_override")
public class ScheduleOverride {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "oncall_override_seq")
    @SequenceGenerator(name = "oncall_override_seq", sequenceName = "oncall_override_seq", allocationSize = 10)
    private Long id;

    @Column(name = "schedule_id", nullable = false)
    private UUID scheduleId;

    @Column(name = "member_id", nullable = false)
    private UUID memberId;

    @Column(name = "starts_at", nullable = false)
    private Instant from;

    @Column(name = "ends_at", nullable = false)
    private Instant to;

    protected ScheduleOverride() {
    }

    ScheduleOverride(UUID scheduleId, UUID memberId, Instant from, Instant to) {
        this.scheduleId = scheduleId;
        this.memberId = memberId;
        this.from = from;
        this.to = to;
    }

    Coverage.Override asOverride() {
        return new Coverage.Override(memberId, from, to, id);
    }

    public Long id() {
        return id;
    }

    public UUID scheduleId() {
        return scheduleId;
    }

    public UUID memberId() {
        return memberId;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }
}
