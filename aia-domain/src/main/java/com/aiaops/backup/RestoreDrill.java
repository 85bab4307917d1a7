package com.aiaops.backup;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One restore drill (a backup restored into a scratch schema) or restore (into the platform's own empty database):
 * which backup, whether every checksum and count matched, and the recovery point and time it achieved (RPO: how old
 * the backup's data was; RTO: how long restoring and verifying it took).
 */
@Entity
@Table(name = "backup_run_drill")
public class RestoreDrill {
    /** DRILL: into a scratch schema, dropped afterwards. RESTORE: into the platform's own database, kept. */
    public enum Kind { DRILL, RESTORE }

    @Id
    private UUID id;

    @Column(name = "backup_name", nullable = false, length = 64)
    private String backupName;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    private Instant finishedAt;

    @Column(nullable = false)
    private boolean verified;

    @Column(nullable = false)
    private int tables;

    @Column(nullable = false)
    private long rows;

    @Column(name = "rpo_seconds", nullable = false)
    private long rpoSeconds;

    @Column(name = "rto_seconds", nullable = false)
    private double rtoSeconds;

    @Column(length = 4000)
    private String problems;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(length = 10)
    private Kind kind;

    protected RestoreDrill() {
    }

    RestoreDrill(Kind kind, String backupName, Instant startedAt, Instant finishedAt, boolean verified, int tables, long rows, long rpoSeconds,
                 double rtoSeconds, String problems) {
        this.id = Ids.newId();
        this.kind = kind;
        this.backupName = backupName;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.verified = verified;
        this.tables = tables;
        this.rows = rows;
        this.rpoSeconds = rpoSeconds;
        this.rtoSeconds = rtoSeconds;
        this.problems = problems == null || problems.length() <= 4000 ? problems : problems.substring(0, 4000);
    }

    public UUID id() {
        return id;
    }

    /** Drills recorded before restores existed have no kind: they are drills. */
    public Kind kind() {
        return kind == null ? Kind.DRILL : kind;
    }

    public String backupName() {
        return backupName;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public boolean verified() {
        return verified;
    }

    public int tables() {
        return tables;
    }

    public long rows() {
        return rows;
    }

    public long rpoSeconds() {
        return rpoSeconds;
    }

    public double rtoSeconds() {
        return rtoSeconds;
    }

    public String problems() {
        return problems;
    }
}
