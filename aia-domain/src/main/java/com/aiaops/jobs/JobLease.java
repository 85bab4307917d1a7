package com.aiaops.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A running job execution's lease: the node running it and when it last said so. */
@Entity
@Table(name = "job_run_lease")
public class JobLease {
    @Id
    @Column(name = "execution_id")
    private long executionId;

    @Column(name = "job_name", nullable = false, length = 64)
    private String jobName;

    @Column(nullable = false, length = 128)
    private String node;

    /** When the node's JVM started: a lease of this node from an earlier start is a crash. */
    @Column(name = "node_started_at", nullable = false)
    private Instant nodeStartedAt;

    @Column(name = "renewed_at", nullable = false)
    private Instant renewedAt;

    protected JobLease() {
    }

    JobLease(long executionId, String jobName, String node, Instant nodeStartedAt, Instant at) {
        this.executionId = executionId;
        this.jobName = jobName;
        this.node = node;
        this.nodeStartedAt = nodeStartedAt;
        this.renewedAt = at;
    }

    public long executionId() {
        return executionId;
    }

    public String jobName() {
        return jobName;
    }

    public String node() {
        return node;
    }

    public Instant nodeStartedAt() {
        return nodeStartedAt;
    }

    public Instant renewedAt() {
        return renewedAt;
    }
}
