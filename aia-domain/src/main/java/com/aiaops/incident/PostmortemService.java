package com.aiaops.incident;

import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.StaleVersionException;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Postmortems of resolved incidents and their action items. */
@ApplicationScoped
public class PostmortemService {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    IncidentService incidents;

    @Inject
    TenancyRepository tenancy;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Writes (or rewrites) the review; only once the incident is resolved, and never after it is closed. */
    @Transactional
    public Postmortem write(Caller caller, UUID incidentId, String summary, String impact, String rootCause, String lessons,
                            Long expectedVersion) {
        Incident incident = incidents.get(caller, incidentId);
        if (incident.state() != IncidentState.RESOLVED && incident.state() != IncidentState.POSTMORTEM) {
            throw new ConflictException("invalid-state", "A postmortem is written for a RESOLVED incident (or one in POSTMORTEM); this one is "
                    + incident.state());
        }
        Postmortem postmortem = em.find(Postmortem.class, incidentId);
        boolean created = postmortem == null;
        if (created) {
            postmortem = new Postmortem(caller.organizationId(), incidentId);
        } else if (expectedVersion != null && expectedVersion != postmortem.version()) {
            throw new StaleVersionException("postmortem", expectedVersion, postmortem.version());
        }
        postmortem.write(summary, impact, rootCause, lessons, caller.auditActor(), clock.instant());
        if (created) {
            em.persist(postmortem);
        }
        audit.record(caller, created ? "postmortem.written" : "postmortem.revised", "incident", incidentId, null, Map.of("summary", summary));
        return postmortem;
    }

    @Transactional
    public Postmortem get(Caller caller, UUID incidentId) {
        incidents.get(caller, incidentId);
        Postmortem postmortem = em.find(Postmortem.class, incidentId);
        if (postmortem == null) {
            throw new NotFoundException("postmortem of incident", incidentId);
        }
        return postmortem;
    }

    @Transactional
    public ActionItem addActionItem(Caller caller, UUID incidentId, String title, UUID ownerId, LocalDate dueOn) {
        incidents.get(caller, incidentId);
        requireMember(caller, ownerId);
        ActionItem item = new ActionItem(caller.organizationId(), incidentId, title, ownerId, dueOn, clock.instant());
        em.persist(item);
        audit.record(caller, "action-item.added", "action-item", item.id(), null, snapshot(item));
        return item;
    }

    @Transactional
    public ActionItem updateActionItem(Caller caller, UUID incidentId, UUID itemId, String title, UUID ownerId, LocalDate dueOn,
                                       ActionItem.State state) {
        ActionItem item = em.createQuery("select a from ActionItem a where a.incidentId = :incident and a.id = :id",
                        ActionItem.class).setParameter("incident", incidentId)
                .setParameter("id", itemId).getResultStream().findFirst().orElseThrow(() -> new NotFoundException("action item", itemId));
        UUID owner = ownerId == null ? item.ownerId() : ownerId;
        if (ownerId != null) {
            requireMember(caller, ownerId);
        }
        Map<String, Object> before = snapshot(item);
        item.update(title == null ? item.title() : title, owner, dueOn == null ? item.dueOn() : dueOn,
                state == null ? item.state() : state, clock.instant());
        audit.record(caller, "action-item.updated", "action-item", itemId, before, snapshot(item));
        return item;
    }

    @Transactional
    public List<ActionItem> actionItems(Caller caller, UUID incidentId) {
        incidents.get(caller, incidentId);
        return em.createQuery("select a from ActionItem a where a.incidentId = :incident order by a.id", ActionItem.class)
                .setParameter("incident", incidentId).getResultList();
    }

    /** The organisation's unfinished action items, soonest due first; only the overdue ones if asked. */
    @Transactional
    public List<ActionItem> openActionItems(Caller caller, boolean overdueOnly) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return em.createQuery("select a from ActionItem a where a.state in :unfinished order by a.dueOn, a.id",
                        ActionItem.class)
                .setParameter("unfinished", List.of(ActionItem.State.OPEN, ActionItem.State.IN_PROGRESS)).setMaxResults(1000)
                .getResultList().stream().filter(a -> !overdueOnly || a.overdue(today)).toList();
    }

    private void requireMember(Caller caller, UUID memberId) {
        if (tenancy.member(caller.organizationId(), memberId).isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "ownerId", "no such member in this organisation");
        }
    }

    private static Map<String, Object> snapshot(ActionItem a) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", a.title());
        state.put("ownerId", a.ownerId().toString());
        state.put("dueOn", a.dueOn().toString());
        state.put("state", a.state().name());
        return state;
    }
}
