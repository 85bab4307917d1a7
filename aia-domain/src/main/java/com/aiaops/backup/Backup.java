package com.aiaops.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A backup in the catalog, named by the batch job instance that writes it (a restarted job goes on writing the
 * same backup). Its files and manifest are in {@code <backup directory>/<name>/}.
 */
@Entity
@Table(name = "backup_run")
public class Backup {
    public enum Status { RUNNING, COMPLETED, FAILED }

    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "job_instance_id", nullable = false)
    private long jobInstanceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "total_rows")
    private Long totalRows;

    @Column(name = "total_bytes")
    private Long totalBytes;

    @Column(name = "manifest_sha256", length = 64)
    private String manifestSha256;

    protected Backup() {
    }

    Backup(String name, long jobInstanceId, Instant startedAt) {
        this.name = name;
        this.jobInstanceId = jobInstanceId;
        this.status = Status.RUNNING;
        this.startedAt = startedAt;
    }

    void completed(Instant at, long rows, long bytes, String manifestDigest) {
        status = Status.COMPLETED;
        finishedAt = at;
        totalRows = rows;
        totalBytes = bytes;
        manifestSha256 = manifestDigest;
    }

    public String name() {
        return name;
    }

    public long jobInstanceId() {
        return jobInstanceId;
    }

    public Status status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Long totalRows() {
        return totalRows;
    }

    public Long totalBytes() {
        return totalBytes;
    }

    public String manifestSha256() {
        return manifestSha256;
    }
}
