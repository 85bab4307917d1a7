package com.aiaops.scorecard;

import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * An organisation's scorecard targets. Defaults from the operations handbook: 99.9 % uptime (a service is held to
 * its tier's SLA instead), p95 under 200 ms, errors under 1 %, no open critical finding, spend within ±10 % of budget.
 */
@Entity
@Table(name = "scorecard_targets")
public class ScorecardTargets implements KeptSet.Member {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(name = "uptime_percent", nullable = false)
    private double uptimePercent;

    @Column(name = "p95_ms", nullable = false)
    private double p95Ms;

    @Column(name = "error_rate_percent", nullable = false)
    private double errorRatePercent;

    @Column(name = "critical_findings", nullable = false)
    private int criticalFindings;

    protected ScorecardTargets() {
    }

    public ScorecardTargets(UUID organizationId, double uptimePercent, double p95Ms, double errorRatePercent, int criticalFindings) {
        this.organizationId = organizationId;
        set(uptimePercent, p95Ms, errorRatePercent, criticalFindings);
    }

    public static ScorecardTargets defaults(UUID organizationId) {
        return new ScorecardTargets(organizationId, 99.9, 200, 1.0, 0);
    }

    void set(double uptime, double p95, double errorRate, int critical) {
        uptimePercent = uptime;
        p95Ms = p95;
        errorRatePercent = errorRate;
        criticalFindings = critical;
    }

    @Override
    public UUID organizationId() {
        return organizationId;
    }

    public double uptimePercent() {
        return uptimePercent;
    }

    public double p95Ms() {
        return p95Ms;
    }

    public double errorRatePercent() {
        return errorRatePercent;
    }

    public int criticalFindings() {
        return criticalFindings;
    }
}
