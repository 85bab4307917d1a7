package com.aiaops.incident;

import com.aiaops.shared.ConflictException;
import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/** An incident: what is wrong, how bad, where it is in its life cycle, and who holds which role. */
@Entity
@Table(name = "incident")
public class Incident implements com.aiaops.shared.KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    /** The responders' title: internal (it may name a rule, a host, a customer). */
    @Column(nullable = false, length = 200)
    private String title;

    /** What the public status page calls the incident; null until someone chooses to say something. */
    @Column(name = "public_title", length = 200)
    private String publicTitle;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 4)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private IncidentState state;

    /** Affected services, as ids separated by commas. */
    @Column(name = "service_ids", nullable = false, length = 2000)
    private String serviceIds;

    @Column(name = "triggered_at", nullable = false)
    private Instant triggeredAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "mitigated_at")
    private Instant mitigatedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "commander_id")
    private UUID commander;

    @Column(name = "scribe_id")
    private UUID scribe;

    @Column(name = "liaison_id")
    private UUID liaison;

    /** The escalation policy that pages for it while nobody acknowledges it; null pages nobody. */
    @Column(name = "escalation_policy_id")
    private UUID escalationPolicyId;

    /** When the current round of escalation began: at trigger, and again at a reopen. */
    @Column(name = "escalation_started_at")
    private Instant escalationStartedAt;

    /** When the escalation must be looked at next; null when nothing more is due (acknowledged, or no policy). */
    @Column(name = "next_escalation_at")
    private Instant nextEscalationAt;

    /** How many steps of the policy have paged in this round (steps × loops counted flat). */
    @Column(name = "steps_paged", nullable = false)
    private int stepsPaged;

    @Version
    private long version;

    protected Incident() {
    }

    public Incident(UUID organizationId, String title, Severity severity, List<UUID> services, Instant triggeredAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.title = title;
        this.severity = severity;
        this.state = IncidentState.TRIGGERED;
        this.serviceIds = services.stream().map(UUID::toString).collect(Collectors.joining(","));
        this.triggeredAt = triggeredAt;
    }

    /** Puts the incident under an escalation policy: its first step pages at once. */
    public void escalateWith(UUID policyId, Instant at) {
        this.escalationPolicyId = policyId;
        this.escalationStartedAt = at;
        this.stepsPaged = 0;
        this.nextEscalationAt = policyId == null || !state.equals(IncidentState.TRIGGERED) ? null : at;
    }

    /** Records that the escalation paged up to {@code steps} steps, and when to look again (null: exhausted). */
    public void paged(int steps, Instant next) {
        this.stepsPaged = steps;
        this.nextEscalationAt = next;
    }

    /**
     * Moves the incident on, if its life cycle allows it, and stamps the time. Reopening clears the later
     * stamps; the first acknowledgement is the one MTTA counts.
     */
    public void moveTo(IncidentState target, Instant at) {
        if (!state.next().contains(target)) {
            throw new ConflictException("invalid-transition", "An incident that is " + state + " cannot become " + target
                    + "; allowed: " + state.next());
        }
        switch (target) {
            case ACKNOWLEDGED -> {
                if (acknowledgedAt == null) {
                    acknowledgedAt = at;
                }
                nextEscalationAt = null; // someone has it: stop paging
            }
            case MITIGATED -> mitigatedAt = at;
            case RESOLVED -> {
                resolvedAt = at;
                nextEscalationAt = null;
            }
            case CLOSED -> closedAt = at;
            case TRIGGERED -> {
                resolvedAt = null;
                mitigatedAt = null;
                if (escalationPolicyId != null) { // reopened: escalate again from the first step
                    escalationStartedAt = at;
                    stepsPaged = 0;
                    nextEscalationAt = at;
                }
            }
            default -> {
            }
        }
        state = target;
    }

    public void changeSeverity(Severity newSeverity) {
        this.severity = newSeverity;
    }

    public void assign(IncidentRole role, UUID memberId) {
        switch (role) {
            case COMMANDER -> commander = memberId;
            case SCRIBE -> scribe = memberId;
            case LIAISON -> liaison = memberId;
        }
    }

    /** When the response SLA of its severity runs out. */
    public Instant responseDueAt() {
        return triggeredAt.plus(severity.responseSla());
    }

    /** Whether it was (or, still unacknowledged at {@code now}, is) acknowledged later than its SLA allows. */
    public boolean responseSlaMissed(Instant now) {
        Instant acknowledged = acknowledgedAt != null ? acknowledgedAt : now;
        return acknowledged.isAfter(responseDueAt());
    }

    /**
     * The last instant at which {@link #responseSlaMissed} still answers as it does at {@code now}: the response due time
     * while the incident waits for an acknowledgement within its SLA, otherwise never ({@link Instant#MAX}).
     */
    public Instant responseSlaMissedHoldsUntil(Instant now) {
        return acknowledgedAt == null && !now.isAfter(responseDueAt()) ? responseDueAt() : Instant.MAX;
    }

    public List<UUID> services() {
        return serviceIds(serviceIds);
    }

    /** The affected services as stored (ids separated by commas), for reads that project the column. */
    public static List<UUID> serviceIds(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).map(UUID::fromString).toList();
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    /** Says this on the public status page (null: a neutral title naming the affected components). */
    public void publish(String title) {
        this.publicTitle = title == null || title.isBlank() ? null : title.strip();
    }

    public String publicTitle() {
        return publicTitle;
    }

    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }

    public IncidentState state() {
        return state;
    }

    public Instant triggeredAt() {
        return triggeredAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant mitigatedAt() {
        return mitigatedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public UUID commander() {
        return commander;
    }

    public UUID scribe() {
        return scribe;
    }

    public UUID liaison() {
        return liaison;
    }

    public UUID escalationPolicyId() {
        return escalationPolicyId;
    }

    public Instant escalationStartedAt() {
        return escalationStartedAt;
    }

    public Instant nextEscalationAt() {
        return nextEscalationAt;
    }

    public int stepsPaged() {
        return stepsPaged;
    }

    public long version() {
        return version;
    }
}
