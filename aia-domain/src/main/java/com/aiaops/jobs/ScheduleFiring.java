package com.aiaops.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One firing of a job's schedule, claimed by the node that starts it. The key is the job and the schedule's next
 * time after this firing, the same for every timer of that schedule, so that even two timers for one schedule (two
 * nodes creating it at the same moment) start the job once.
 */
@Entity
@Table(name = "job_schedule_firing")
public class ScheduleFiring {
    /** The job and the firing's next time, e.g. "sla-report@2026-12-01T05:00:00Z". */
    @Id
    @Column(length = 128)
    private String id;

    @Column(nullable = false, length = 64)
    private String job;

    @Column(name = "next_timeout", nullable = false)
    private Instant nextTimeout;

    @Column(nullable = false, length = 128)
    private String node;

    @Column(name = "fired_at", nullable = false)
    private Instant firedAt;

    protected ScheduleFiring() {
    }

    ScheduleFiring(String job, Instant nextTimeout, String node, Instant firedAt) {
        this.id = idOf(job, nextTimeout);
        this.job = job;
        this.nextTimeout = nextTimeout;
        this.node = node;
        this.firedAt = firedAt;
    }

    static String idOf(String job, Instant nextTimeout) {
        return job + "@" + nextTimeout;
    }

    public String node() {
        return node;
    }
}
