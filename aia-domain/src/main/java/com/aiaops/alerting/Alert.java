package com.aiaops.alerting;

import com.aiaops.incident.Severity;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * An alert raised by a rule. It stays one alert while its condition keeps holding (each further breach is
 * counted, not raised again) and resolves when the condition clears or someone resolves it.
 */
@Entity
@Table(name = "alert", indexes = {
        @Index(name = "alert_org_state", columnList = "organization_id, state"),
        @Index(name = "alert_incident", columnList = "incident_id"),
        @Index(name = "alert_integration_fingerprint", columnList = "integration_id, fingerprint")})
public class Alert implements com.aiaops.shared.KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    /** The rule that raised it; null for an alert another tool sent ({@link AlertKind#EXTERNAL}). */
    @Column(name = "rule_id")
    private UUID ruleId;

    /** The integration an external alert came through. */
    @Column(name = "integration_id")
    private UUID integrationId;

    /** The sender's identity of an external alert (Alertmanager's fingerprint, PagerDuty's dedup key). */
    @Column(name = "fingerprint", length = 255)
    private String fingerprint;

    @Column(name = "rule_name", nullable = false, length = 63)
    private String ruleName;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private AlertKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private AlertState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Urgency urgency;

    @Enumerated(EnumType.STRING)
    @Column(name = "suggested_severity", nullable = false, length = 4)
    private Severity suggestedSeverity;

    @Column(nullable = false, length = 500)
    private String summary;

    @Column(name = "last_value")
    private Double lastValue;

    @Column(nullable = false)
    private long occurrences;

    @Column(name = "fired_at", nullable = false)
    private Instant firedAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 80)
    private String acknowledgedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by", length = 80)
    private String resolvedBy;

    /** Why nobody was told, when its service was under maintenance as it fired. */
    @Column(name = "muted_reason", length = 300)
    private String mutedReason;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Version
    private long version;

    protected Alert() {
    }

    Alert(AlertRule rule, Verdict verdict, Instant at) {
        this(rule.organizationId(), rule.name(), rule.serviceId(), rule.kind(), verdict, at);
        this.ruleId = rule.id();
    }

    private Alert(UUID organizationId, String ruleName, UUID serviceId, AlertKind kind, Verdict verdict, Instant at) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.ruleName = ruleName;
        this.serviceId = serviceId;
        this.kind = kind;
        this.state = AlertState.FIRING;
        this.urgency = verdict.urgency();
        this.suggestedSeverity = verdict.suggestedSeverity();
        this.summary = shorten(verdict.summary());
        this.lastValue = verdict.value();
        this.occurrences = 1;
        this.firedAt = at;
        this.lastSeenAt = at;
    }

    /** An alert another tool sent: {@code source} names the integration, as a rule's name would. */
    Alert(UUID organizationId, UUID integrationId, String source, UUID serviceId, String fingerprint, Verdict verdict, Instant at) {
        this(organizationId, source.length() > 63 ? source.substring(0, 63) : source, serviceId, AlertKind.EXTERNAL, verdict, at);
        this.integrationId = integrationId;
        this.fingerprint = fingerprint;
    }

    /**
     * The condition still holds: counted on this alert rather than raised again. Returns true when it became
     * more urgent (a ticket-level burn turning into a page), which is news worth telling.
     */
    boolean seenAgain(Verdict verdict, Instant at) {
        occurrences++;
        lastSeenAt = at;
        lastValue = verdict.value();
        summary = shorten(verdict.summary());
        boolean escalated = urgency == Urgency.TICKET && verdict.urgency() == Urgency.PAGE;
        if (escalated) {
            urgency = Urgency.PAGE;
        }
        if (verdict.suggestedSeverity().ordinal() < suggestedSeverity.ordinal()) {
            suggestedSeverity = verdict.suggestedSeverity();
        }
        return escalated;
    }

    void acknowledge(String by, Instant at) {
        if (state != AlertState.FIRING) {
            throw new ConflictException("invalid-transition", "Only a FIRING alert can be acknowledged; this one is " + state);
        }
        state = AlertState.ACKNOWLEDGED;
        acknowledgedAt = at;
        acknowledgedBy = by;
    }

    void resolve(String by, Instant at) {
        if (state == AlertState.RESOLVED) {
            throw new ConflictException("invalid-transition", "The alert is already resolved");
        }
        state = AlertState.RESOLVED;
        resolvedAt = at;
        resolvedBy = by;
    }

    void mute(String reason) {
        mutedReason = shorten(reason);
    }

    /** The maintenance that held it back is over: from now on it is told and pages like any other. */
    void unmute() {
        mutedReason = null;
    }

    void joinIncident(UUID incident) {
        incidentId = incident;
    }

    private static String shorten(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID ruleId() {
        return ruleId;
    }

    public UUID integrationId() {
        return integrationId;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String ruleName() {
        return ruleName;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public AlertKind kind() {
        return kind;
    }

    public AlertState state() {
        return state;
    }

    public Urgency urgency() {
        return urgency;
    }

    public Severity suggestedSeverity() {
        return suggestedSeverity;
    }

    public String summary() {
        return summary;
    }

    public Double lastValue() {
        return lastValue;
    }

    public long occurrences() {
        return occurrences;
    }

    public Instant firedAt() {
        return firedAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public String mutedReason() {
        return mutedReason;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public long version() {
        return version;
    }
}
