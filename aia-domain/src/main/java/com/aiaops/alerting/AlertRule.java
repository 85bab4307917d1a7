package com.aiaops.alerting;

import com.aiaops.shared.InvalidRequestException;

import com.aiaops.incident.Severity;
import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/**
 * A rule that raises alerts: what it watches ({@link AlertKind}), its bound and window, how urgent its alerts
 * are, whom they are sent to, and which escalation policy an incident it opens follows. It holds its one open
 * alert, which is how alerts are de-duplicated: while it is open, a breach updates it instead of raising another.
 */
@Entity
@Table(name = "alert_rule", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "name"}),
        indexes = @Index(name = "alert_rule_due", columnList = "enabled, next_evaluation_at"))
public class AlertRule implements KeptSet.Member {
    /** How often a rule is evaluated. */
    public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(30);

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 63)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private AlertKind kind;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(name = "check_id")
    private UUID checkId;

    @Column(name = "slo_id")
    private UUID sloId;

    /** The percentile for LATENCY rules (0.95 for p95). */
    private Double quantile;

    /** Milliseconds for LATENCY, a ratio for ERROR_RATE; unused otherwise. */
    private Double threshold;

    @Column(name = "window_minutes", nullable = false)
    private int windowMinutes;

    @Column(name = "minimum_requests", nullable = false)
    private long minimumRequests;

    /** The urgency of LATENCY, ERROR_RATE and CHECK_DOWN alerts; a BURN_RATE alert takes that of its pair. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Urgency urgency;

    /** The severity of incidents these alerts open (BURN_RATE alerts suggest their own). */
    @Enumerated(EnumType.STRING)
    @Column(name = "incident_severity", nullable = false, length = 4)
    private Severity incidentSeverity;

    @Column(name = "channel_ids", nullable = false, length = 2000)
    private String channelIds;

    @Column(name = "escalation_policy_id")
    private UUID escalationPolicyId;

    @Column(nullable = false)
    private boolean enabled;

    /** Resolve the incident this rule's alert opened or joined once its last alert clears (rules made before it: no, V2). */
    @Column(name = "auto_resolve_incident", nullable = false)
    private boolean autoResolveIncident;

    @Column(name = "next_evaluation_at", nullable = false)
    private Instant nextEvaluationAt;

    @Column(name = "open_alert_id")
    private UUID openAlertId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected AlertRule() {
    }

    /** What a rule is made of, checked by the service before it becomes one. */
    public record Spec(String name, AlertKind kind, UUID serviceId, UUID checkId, UUID sloId, Double quantile, Double threshold,
                       int windowMinutes, long minimumRequests, Urgency urgency, Severity incidentSeverity, List<UUID> channelIds,
                       UUID escalationPolicyId, boolean autoResolveIncident) {
        /** What a rule of this kind needs in its own fields (that what it names exists is the service's to check). */
        void checkFields() {
            switch (kind) {
                case LATENCY, ERROR_RATE -> {
                    if (threshold == null) {
                        throw InvalidRequestException.ofField("validation-failed", "threshold", kind == AlertKind.LATENCY
                                ? "a LATENCY rule needs a bound in milliseconds" : "an ERROR_RATE rule needs a bound as a ratio, e.g. 0.01");
                    }
                    if (kind == AlertKind.LATENCY && (quantile == null || !(quantile > 0 && quantile < 1))) {
                        throw InvalidRequestException.ofField("validation-failed", "quantile", "a LATENCY rule needs a quantile between 0 and 1, e.g. 0.95");
                    }
                    if (kind == AlertKind.ERROR_RATE && !(threshold >= 0 && threshold < 1)) {
                        throw InvalidRequestException.ofField("validation-failed", "threshold", "an error-rate bound is a ratio from 0 to 1 (0.01 is 1 %)");
                    }
                }
                case CHECK_DOWN -> {
                    if (checkId == null) {
                        throw InvalidRequestException.ofField("validation-failed", "checkId", "a CHECK_DOWN rule names its check");
                    }
                }
                case BURN_RATE -> {
                    if (sloId == null) {
                        throw InvalidRequestException.ofField("validation-failed", "sloId", "a BURN_RATE rule names its SLO");
                    }
                }
                case EXTERNAL -> throw InvalidRequestException.ofField("validation-failed", "kind",
                        "EXTERNAL alerts come from other tools through an integration (POST /integrations), not from a rule");
            }
        }
    }

    AlertRule(UUID organizationId, Spec spec, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.name = spec.name();
        this.kind = spec.kind();
        this.serviceId = spec.serviceId();
        this.checkId = spec.checkId();
        this.sloId = spec.sloId();
        this.quantile = spec.quantile();
        this.threshold = spec.threshold();
        this.windowMinutes = spec.windowMinutes();
        this.minimumRequests = spec.minimumRequests();
        this.urgency = spec.urgency();
        this.incidentSeverity = spec.incidentSeverity();
        this.channelIds = spec.channelIds().stream().map(UUID::toString).collect(Collectors.joining(","));
        this.escalationPolicyId = spec.escalationPolicyId();
        this.autoResolveIncident = spec.autoResolveIncident();
        this.enabled = true;
        this.nextEvaluationAt = createdAt;
        this.createdAt = createdAt;
    }

    public boolean autoResolvesIncident() {
        return autoResolveIncident;
    }

    void enable(boolean on, Instant now) {
        enabled = on;
        if (on) {
            nextEvaluationAt = now;
        }
    }

    void opened(Alert alert) {
        openAlertId = alert.id();
    }

    void closed() {
        openAlertId = null;
    }

    public Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }

    public List<UUID> channels() {
        return channelIds.isEmpty() ? List.of() : Arrays.stream(channelIds.split(",")).map(UUID::fromString).toList();
    }

    public UUID id() {
        return id;
    }

    @Override
    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public AlertKind kind() {
        return kind;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public UUID checkId() {
        return checkId;
    }

    public UUID sloId() {
        return sloId;
    }

    public Double quantile() {
        return quantile;
    }

    public Double threshold() {
        return threshold;
    }

    public int windowMinutes() {
        return windowMinutes;
    }

    public long minimumRequests() {
        return minimumRequests;
    }

    public Urgency urgency() {
        return urgency;
    }

    public Severity incidentSeverity() {
        return incidentSeverity;
    }

    public UUID escalationPolicyId() {
        return escalationPolicyId;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant nextEvaluationAt() {
        return nextEvaluationAt;
    }

    public UUID openAlertId() {
        return openAlertId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
