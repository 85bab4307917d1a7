package com.aiaops.incident;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.Keyset;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.shared.StaleVersionException;
import com.aiaops.access.Caller;
import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Role;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opening incidents, moving them through their life cycle, their timeline and roles, and response metrics. */
@ApplicationScoped
public class IncidentService {
    @Inject
    jakarta.enterprise.event.Event<PublicIncidentUpdate> publicUpdates;

    /** The escalation claim moves an incident's next escalation with a bulk update, which Hibernate's events do not see. */
    @Inject
    jakarta.enterprise.event.Event<com.aiaops.shared.KeptSet.Changed> keptSetChanges;

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    TenancyRepository tenancy;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public Incident open(Caller caller, String title, String publicTitle, Severity severity, List<UUID> serviceIds, String summary,
                         UUID escalationPolicyId) {
        requireEscalationPolicy(caller.organizationId(), escalationPolicyId);
        for (UUID serviceId : serviceIds) {
            if (services.find(caller.organizationId(), serviceId).isEmpty()) {
                throw new InvalidRequestException("validation-failed", "No service " + serviceId + " in this organisation",
                        List.of(new InvalidRequestException.Violation("serviceIds", "no such service: " + serviceId)));
            }
        }
        Instant now = clock.instant();
        Incident incident = new Incident(caller.organizationId(), title, severity, serviceIds, now);
        incident.publish(publicTitle);
        incident.escalateWith(escalationPolicyId, now);
        em.persist(incident);
        // Internal: the summary is the responders' words; the public hears only what is posted as a public update.
        note(incident, now, TimelineEntry.Kind.STATE, "Triggered (" + severity + ")" + (summary == null ? "" : ": " + summary),
                caller, false);
        audit.record(caller, "incident.opened", "incident", incident.id(), null, snapshot(incident));
        return incident;
    }

    /** Refuses (400) an escalation policy id that is not one of the organisation's; null (no policy) passes. */
    @Transactional
    public void requireEscalationPolicy(UUID organizationId, UUID policyId) {
        if (policyId != null && em.createQuery("select p.id from EscalationPolicy p where p.organizationId = :org and p.id = :id", UUID.class)
                .setParameter("org", organizationId).setParameter("id", policyId).getResultList().isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "escalationPolicyId", "no such escalation policy in this organisation");
        }
    }

    /**
     * A paging alert on a service joins the open incident of that service (raising its severity if the alert
     * suggests worse), or opens one with the suggested severity under the rule's escalation policy.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident openOrJoinForAlert(UUID organizationId, UUID serviceId, String title, Severity suggested, UUID escalationPolicyId,
                                       String alertSummary) {
        Caller system = Caller.system(organizationId);
        Instant now = clock.instant();
        Incident open = em.createQuery("select i from Incident i where i.organizationId = :org and i.state in :open "
                        + "and i.serviceIds like :service order by i.triggeredAt desc", Incident.class)
                .setParameter("org", organizationId)
                .setParameter("open", List.of(IncidentState.TRIGGERED, IncidentState.ACKNOWLEDGED, IncidentState.MITIGATED))
                .setParameter("service", "%" + serviceId + "%").setMaxResults(1).getResultStream().findFirst().orElse(null);
        if (open != null) {
            note(open, now, TimelineEntry.Kind.ALERT, "Alert joined: " + alertSummary, system, false);
            if (suggested.ordinal() < open.severity().ordinal()) {
                Map<String, Object> before = snapshot(open);
                Severity old = open.severity();
                open.changeSeverity(suggested);
                note(open, now, TimelineEntry.Kind.SEVERITY, old + " → " + suggested + ": raised by a joining alert", system, false);
                audit.record(system, "incident.severity-changed", "incident", open.id(), before, snapshot(open));
            }
            return open;
        }
        Incident incident = new Incident(organizationId, title, suggested, List.of(serviceId), now);
        incident.escalateWith(escalationPolicyId, now);
        em.persist(incident);
        note(incident, now, TimelineEntry.Kind.STATE, "Triggered (" + suggested + ") by an alert", system, false);
        note(incident, now, TimelineEntry.Kind.ALERT, "Alert: " + alertSummary, system, false);
        audit.record(system, "incident.opened", "incident", incident.id(), null, snapshot(incident));
        return incident;
    }

    /**
     * {@link IncidentState#isOpen}'s states as a JPQL list of literals: a list parameter would keep the query's plan from being
     * cached (Hibernate 6.6).
     */
    private static final String OPEN_STATES = java.util.Arrays.stream(IncidentState.values()).filter(IncidentState::isOpen)
            .map(state -> IncidentState.class.getName() + "." + state.name()).collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /** The organisation's open incidents (triggered, acknowledged or mitigated), oldest first: for the status page. */
    @Transactional
    public List<Incident> openIncidents(UUID organizationId) {
        return em.createQuery("select i from Incident i where i.organizationId = :org and i.state in " + OPEN_STATES
                        + " order by i.triggeredAt", Incident.class).setParameter("org", organizationId).setMaxResults(200).getResultList();
    }

    /**
     * How many of the organisation's incidents are open (triggered, acknowledged or mitigated), by severity, every
     * severity present (zero when none): counted in the database, so neither a list's bound nor loading them limits it.
     */
    @Transactional
    public Map<Severity, Long> openCountsBySeverity(UUID organizationId) {
        Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0L);
        }
        OrganizationScope.read(em, organizationId, "select i.severity, count(i) from Incident i where i.organizationId = :organization "
                        + "and i.state in " + OPEN_STATES + " group by i.severity", Object[].class, query -> query.getResultList())
                .forEach(row -> counts.put((Severity) row[0], (Long) row[1]));
        return counts;
    }

    /** What the incident told the public, in order. */
    @Transactional
    public List<TimelineEntry> publicUpdates(UUID incidentId) {
        return em.createQuery("select t from TimelineEntry t where t.incidentId = :id and t.publicUpdate = true order by t.id",
                TimelineEntry.class).setParameter("id", incidentId).setMaxResults(200).getResultList();
    }

    /** Incidents whose escalation is due: their id and due time, for the escalation runner to claim. */
    @Transactional
    public List<DueEscalation> dueEscalations(Instant now, int max) {
        return em.createQuery("select i.organizationId, i.id, i.nextEscalationAt from Incident i where i.state = :triggered "
                        + "and i.nextEscalationAt <= :now order by i.nextEscalationAt", Object[].class)
                .setParameter("triggered", IncidentState.TRIGGERED).setParameter("now", now).setMaxResults(max).getResultStream()
                .map(row -> new DueEscalation((UUID) row[0], (UUID) row[1], (Instant) row[2])).toList();
    }

    /** An incident whose escalation is due, and the due time its claim must still find. */
    public record DueEscalation(UUID organizationId, UUID incidentId, Instant dueAt) {
    }

    /**
     * Claims a due escalation for this node (a conditional update: one node of the cluster pages): the due time moves
     * to {@code leaseUntil}, so a node that dies mid-way leaves it to be picked up again.
     */
    @Transactional
    public boolean claimEscalation(DueEscalation due, Instant leaseUntil) {
        boolean claimed = em.createQuery("update Incident i set i.nextEscalationAt = :lease where i.id = :id and i.nextEscalationAt = :seen "
                        + "and i.state = :triggered")
                .setParameter("lease", leaseUntil).setParameter("id", due.incidentId()).setParameter("seen", due.dueAt())
                .setParameter("triggered", IncidentState.TRIGGERED).executeUpdate() == 1;
        if (claimed) {
            keptSetChanges.fire(new com.aiaops.shared.KeptSet.Changed(due.organizationId(), Incident.class));
        }
        return claimed;
    }

    /** Records where the escalation now stands and, with a text, the page on the timeline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPaging(Incident incident, int stepsPaged, Instant next, String text) {
        incident.paged(stepsPaged, next);
        if (text != null) {
            note(incident, clock.instant(), TimelineEntry.Kind.PAGE, text, Caller.system(incident.organizationId()), false);
        }
    }

    /** The incident, for the escalation runner (no caller: it acts for the organisation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident forEscalation(UUID incidentId) {
        return em.find(Incident.class, incidentId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    @Transactional
    public Page<Incident> list(Caller caller, PageRequest page) {
        return list(caller, page, Filter.NONE);
    }

    /** Which incidents a list holds: of some states, of a severity, touching a service (each null: any). */
    public record Filter(java.util.Set<IncidentState> states, Severity severity, UUID serviceId) {
        public static final Filter NONE = new Filter(null, null, null);

        /** The filter as keyset conditions on the incident {@code e}. */
        Map<String, Map<String, Object>> conditions() {
            Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();
            if (states != null) {
                conditions.put("e.state in :states", Map.<String, Object>of("states", states));
            }
            if (severity != null) {
                conditions.put("e.severity = :severity", Map.<String, Object>of("severity", severity));
            }
            if (serviceId != null) {
                // ids are UUIDs joined by commas: one cannot be part of another
                conditions.put("e.serviceIds like :service", Map.<String, Object>of("service", "%" + serviceId + "%"));
            }
            return conditions;
        }
    }

    /** A page of the incidents the filter holds, in id order (time order: ids are time-ordered), filtered by the database. */
    @Transactional
    public Page<Incident> list(Caller caller, PageRequest page, Filter filter) {
        UUID after = page.afterKey() == null ? null : com.aiaops.shared.Ids.parse(page.afterKey(), "cursor");
        return page.toPage(Keyset.page(em, Incident.class, "id", after, page.limit() + 1, page.newestFirst(), filter.conditions()),
                i -> i.id().toString());
    }

    @Transactional
    public Incident get(Caller caller, UUID id) {
        return find(caller, id);
    }

    /** A move in the life cycle, refused (409) when the life cycle does not allow it. */
    @Transactional
    public Incident transition(Caller caller, UUID id, IncidentState target, String note, boolean publicUpdate, Long expectedVersion) {
        Incident incident = find(caller, id);
        checkVersion(incident, expectedVersion);
        if (incident.state() == IncidentState.POSTMORTEM && target == IncidentState.CLOSED
                && em.find(Postmortem.class, incident.id()) == null) {
            throw new com.aiaops.shared.ConflictException("postmortem-missing",
                    "Write the postmortem (PUT /incidents/" + id + "/postmortem) before closing an incident in POSTMORTEM");
        }
        Map<String, Object> before = snapshot(incident);
        Instant now = clock.instant();
        incident.moveTo(target, now);
        note(incident, now, TimelineEntry.Kind.STATE, target + (note == null ? "" : ": " + note), caller, publicUpdate);
        audit.record(caller, "incident." + target.name().toLowerCase(java.util.Locale.ROOT), "incident", id, before, snapshot(incident));
        return incident;
    }

    /** Sets (or, with null, withdraws) the title the public status page shows. */
    @Transactional
    public Incident publish(Caller caller, UUID id, String publicTitle) {
        Incident incident = find(caller, id);
        Map<String, Object> before = snapshot(incident);
        incident.publish(publicTitle);
        note(incident, clock.instant(), TimelineEntry.Kind.NOTE, incident.publicTitle() == null ? "Public title withdrawn"
                : "Public title: " + incident.publicTitle(), caller, false);
        audit.record(caller, "incident.public-title-changed", "incident", id, before, snapshot(incident));
        return incident;
    }

    /** One step of an alert's life (fired, held back, acknowledged, cleared) on its incident's timeline: internal. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void alertEvent(UUID incidentId, String text) {
        Incident incident = em.find(Incident.class, incidentId);
        if (incident != null) {
            note(incident, clock.instant(), TimelineEntry.Kind.ALERT, text, Caller.system(incident.organizationId()), false);
        }
    }

    /**
     * Someone acknowledged an alert of this incident: if nobody has acknowledged the incident yet, that is who is on
     * it, and escalation stops — one notion of "someone is on it", as PagerDuty has it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acknowledgedThroughAlert(Caller caller, UUID incidentId, String ruleName) {
        Incident incident = em.find(Incident.class, incidentId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            return;
        }
        Instant now = clock.instant();
        note(incident, now, TimelineEntry.Kind.ALERT, "Alert " + ruleName + " acknowledged by " + caller.auditActor(), caller, false);
        if (incident.state() == IncidentState.TRIGGERED) {
            Map<String, Object> before = snapshot(incident);
            incident.moveTo(IncidentState.ACKNOWLEDGED, now);
            note(incident, now, TimelineEntry.Kind.STATE, "ACKNOWLEDGED through alert " + ruleName + "; escalation stopped", caller, false);
            audit.record(caller, "incident.acknowledged", "incident", incidentId, before, snapshot(incident));
        }
    }

    /**
     * The last open alert of the incident has cleared: the timeline says so, and the incident resolves by itself when
     * the rule asks for it (PagerDuty's auto-resolve) and it is still open.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void alertsCleared(UUID incidentId, String ruleName, boolean autoResolve) {
        Incident incident = em.find(Incident.class, incidentId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            return;
        }
        Caller system = Caller.system(incident.organizationId());
        Instant now = clock.instant();
        note(incident, now, TimelineEntry.Kind.ALERT, "All alerts of this incident have cleared (last: " + ruleName + ")", system, false);
        if (autoResolve && incident.state().isOpen()) {
            Map<String, Object> before = snapshot(incident);
            incident.moveTo(IncidentState.RESOLVED, now);
            note(incident, now, TimelineEntry.Kind.STATE, "RESOLVED by itself: its alerts cleared (rule " + ruleName + " resolves incidents)",
                    system, false);
            audit.record(system, "incident.resolved", "incident", incidentId, before, snapshot(incident));
        }
    }

    @Transactional
    public Incident changeSeverity(Caller caller, UUID id, Severity severity, String reason) {
        Incident incident = find(caller, id);
        Map<String, Object> before = snapshot(incident);
        Severity old = incident.severity();
        incident.changeSeverity(severity);
        note(incident, clock.instant(), TimelineEntry.Kind.SEVERITY, old + " → " + severity + (reason == null ? "" : ": " + reason),
                caller, false);
        audit.record(caller, "incident.severity-changed", "incident", id, before, snapshot(incident));
        return incident;
    }

    @Transactional
    public Incident assign(Caller caller, UUID id, IncidentRole role, UUID memberId) {
        Incident incident = find(caller, id);
        if (tenancy.member(caller.organizationId(), memberId).isEmpty()) {
            throw new InvalidRequestException("validation-failed", "No member " + memberId + " in this organisation",
                    List.of(new InvalidRequestException.Violation("memberId", "no such member")));
        }
        Map<String, Object> before = snapshot(incident);
        incident.assign(role, memberId);
        note(incident, clock.instant(), TimelineEntry.Kind.ROLE, role + ": member " + memberId, caller, false);
        audit.record(caller, "incident.role-assigned", "incident", id, before, snapshot(incident));
        return incident;
    }

    @Transactional
    public TimelineEntry addNote(Caller caller, UUID id, String text, boolean publicUpdate) {
        Incident incident = find(caller, id);
        return note(incident, clock.instant(), TimelineEntry.Kind.NOTE, text, caller, publicUpdate);
    }

    @Transactional
    public List<TimelineEntry> timeline(Caller caller, UUID id) {
        find(caller, id);
        return em.createQuery("select t from TimelineEntry t where t.incidentId = :id order by t.id", TimelineEntry.class)
                .setParameter("id", id).getResultList();
    }

    /** MTTA, MTTR, MTBF of the incidents triggered in [from, to), for the organisation or one service. */
    @Transactional
    public IncidentMetrics metrics(Caller caller, Instant from, Instant to, UUID serviceId) {
        List<Incident> incidents = em.createQuery("select i from Incident i "
                        + "where i.triggeredAt >= :from and i.triggeredAt < :to", Incident.class)
                .setParameter("from", from).setParameter("to", to)
                .getResultList().stream().filter(i -> serviceId == null || i.services().contains(serviceId)).toList();
        return IncidentMetrics.of(incidents, clock.instant());
    }

    private TimelineEntry note(Incident incident, Instant at, TimelineEntry.Kind kind, String text, Caller caller, boolean isPublic) {
        TimelineEntry entry = new TimelineEntry(incident.id(), at, kind, text, caller.auditActor(), isPublic);
        em.persist(entry);
        if (isPublic) {
            publicUpdates.fire(new PublicIncidentUpdate(incident.organizationId(), incident.id(), incident.publicTitle(),
                    List.copyOf(incident.services()), incident.state().name(), at, text));
        }
        return entry;
    }

    /** A public update of the organisation's incidents, for the status page's feed. */
    public record PublicEntry(UUID incidentId, Long entryId, String publicTitle, List<UUID> serviceIds, String state, Instant at,
                              String text) {
    }

    /** The organisation's public incident updates since a moment, newest first. */
    @Transactional
    public List<PublicEntry> publicHistory(UUID organizationId, Instant since, int max) {
        return em.createQuery("select t, i from TimelineEntry t, Incident i where t.incidentId = i.id and i.organizationId = :org "
                        + "and t.publicUpdate = true and t.at >= :since order by t.at desc, t.id desc", Object[].class)
                .setParameter("org", organizationId).setParameter("since", since).setMaxResults(max).getResultList().stream()
                .map(row -> {
                    TimelineEntry t = (TimelineEntry) row[0];
                    Incident i = (Incident) row[1];
                    return new PublicEntry(i.id(), t.id(), i.publicTitle(), List.copyOf(i.services()), i.state().name(), t.at(), t.text());
                }).toList();
    }

    private static void checkVersion(Incident incident, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != incident.version()) {
            throw new StaleVersionException("incident", expectedVersion, incident.version());
        }
    }

    private Incident find(Caller caller, UUID id) {
        return em.createQuery("select i from Incident i where i.id = :id", Incident.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("incident", id));
    }

    static Map<String, Object> snapshot(Incident i) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", i.title());
        state.put("publicTitle", i.publicTitle());
        state.put("severity", i.severity().name());
        state.put("state", i.state().name());
        state.put("commander", i.commander() == null ? null : i.commander().toString());
        state.put("scribe", i.scribe() == null ? null : i.scribe().toString());
        state.put("liaison", i.liaison() == null ? null : i.liaison().toString());
        return state;
    }
}
