package com.aiaops.maintenance;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.tenancy.Caller;
import com.aiaops.tenancy.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Announcing maintenance windows, and the intervals they take out of a service's SLOs. */
@ApplicationScoped
public class MaintenanceService {
    static final Duration LONGEST = Duration.ofDays(31);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public MaintenanceWindow announce(Caller caller, UUID serviceId, String title, Instant startsAt, Instant endsAt) {
        caller.require(Role.OPERATOR);
        if (serviceId != null && services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "serviceId", "no such service in this organisation");
        }
        if (!startsAt.isBefore(endsAt)) {
            throw InvalidRequestException.ofField("validation-failed", "endsAt", "must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            throw InvalidRequestException.ofField("validation-failed", "endsAt", "a maintenance window lasts at most 31 days");
        }
        // Whole minutes: budgets are counted by the minute, so a window covers the minutes it touches.
        MaintenanceWindow window = new MaintenanceWindow(caller.organizationId(), serviceId, title,
                startsAt.truncatedTo(ChronoUnit.MINUTES), ceilMinute(endsAt), clock.instant());
        em.persist(window);
        audit.record(caller, "maintenance.announced", "maintenance-window", window.id(), null, snapshot(window));
        return window;
    }

    @Transactional
    public List<MaintenanceWindow> list(Caller caller, Instant from, Instant to) {
        caller.require(Role.VIEWER);
        return em.createQuery("select m from MaintenanceWindow m where m.organizationId = :org and m.endsAt > :from "
                        + "and m.startsAt < :to order by m.startsAt", MaintenanceWindow.class)
                .setParameter("org", caller.organizationId()).setParameter("from", from).setParameter("to", to)
                .setMaxResults(1000).getResultList();
    }

    @Transactional
    public MaintenanceWindow get(Caller caller, UUID id) {
        caller.require(Role.VIEWER);
        return find(caller, id);
    }

    @Transactional
    public void cancel(Caller caller, UUID id) {
        caller.require(Role.OPERATOR);
        MaintenanceWindow window = find(caller, id);
        audit.record(caller, "maintenance.cancelled", "maintenance-window", window.id(), snapshot(window), null);
        em.remove(window);
    }

    /** The merged maintenance intervals of a service (its own and the organisation-wide ones) inside [from, to). */
    @Transactional
    public List<Intervals.Interval> excludedIntervals(UUID organizationId, UUID serviceId, Instant from, Instant to) {
        List<Intervals.Interval> intervals = em.createQuery("select m from MaintenanceWindow m where m.organizationId = :org "
                        + "and (m.serviceId = :service or m.serviceId is null) and m.endsAt > :from and m.startsAt < :to",
                        MaintenanceWindow.class)
                .setParameter("org", organizationId).setParameter("service", serviceId)
                .setParameter("from", from).setParameter("to", to).getResultList().stream()
                .map(m -> new Intervals.Interval(m.startsAt(), m.endsAt())).toList();
        return Intervals.clipAndMerge(intervals, from, to);
    }

    /** The title of a maintenance window covering the service (or the whole organisation) at this instant, if any. */
    @Transactional
    public java.util.Optional<String> activeAt(UUID organizationId, UUID serviceId, Instant at) {
        return excludedIntervals(organizationId, serviceId, at, at.plusMillis(1)).isEmpty() ? java.util.Optional.empty()
                : em.createQuery("select m.title from MaintenanceWindow m where m.organizationId = :org "
                        + "and (m.serviceId = :service or m.serviceId is null) and m.startsAt <= :at and m.endsAt > :at", String.class)
                .setParameter("org", organizationId).setParameter("service", serviceId).setParameter("at", at)
                .setMaxResults(1).getResultStream().findFirst().or(() -> java.util.Optional.of("maintenance"));
    }

    /**
     * Changes whenever a window of this service (or of the whole organisation) is announced or cancelled, so
     * cached SLO answers that depend on maintenance are recomputed.
     */
    @Transactional
    public String fingerprint(UUID organizationId, UUID serviceId) {
        Object[] row = em.createQuery("select count(m), max(m.createdAt) from MaintenanceWindow m where m.organizationId = :org "
                        + "and (m.serviceId = :service or m.serviceId is null)", Object[].class)
                .setParameter("org", organizationId).setParameter("service", serviceId).getSingleResult();
        return row[0] + "@" + row[1];
    }

    private MaintenanceWindow find(Caller caller, UUID id) {
        return em.createQuery("select m from MaintenanceWindow m where m.organizationId = :org and m.id = :id", MaintenanceWindow.class)
                .setParameter("org", caller.organizationId()).setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("maintenance window", id));
    }

    private static Instant ceilMinute(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MINUTES);
    }


    static Map<String, Object> snapshot(MaintenanceWindow w) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", w.title());
        state.put("serviceId", w.serviceId() == null ? null : w.serviceId().toString());
        state.put("startsAt", w.startsAt().toString());
        state.put("endsAt", w.endsAt().toString());
        return state;
    }
}
