package com.aiaops.checks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One recorded run, for uptime and history. */
@Entity
@Table(name = "synthetic_check_result", indexes = @Index(name = "check_result_by_time", columnList = "check_id, run_at"))
public class CheckResult {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "check_result_seq")
    @SequenceGenerator(name = "check_result_seq", sequenceName = "check_result_seq", allocationSize = 50)
    private Long id;

    @Column(name = "check_id", nullable = false)
    private UUID checkId;

    @Column(name = "run_at", nullable = false)
    private Instant runAt;

    @Column(nullable = false)
    private boolean up;

    @Column(name = "http_status")
    private Integer httpStatus;

    @Column(name = "latency_ms")
    private Double latencyMillis;

    @Column(nullable = false)
    private int attempts;

    @Column(length = 500)
    private String error;

    protected CheckResult() {
    }

    CheckResult(UUID checkId, CheckRun run) {
        this.checkId = checkId;
        this.runAt = run.at();
        this.up = run.up();
        this.httpStatus = run.httpStatus();
        this.latencyMillis = run.latencyMillis();
        this.attempts = run.attempts();
        this.error = run.error();
    }

    public Instant runAt() {
        return runAt;
    }

    public boolean up() {
        return up;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public Double latencyMillis() {
        return latencyMillis;
    }

    public int attempts() {
        return attempts;
    }

    public String error() {
        return error;
    }
}
