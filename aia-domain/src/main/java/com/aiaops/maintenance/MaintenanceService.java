package com.aiaops.maintenance;

import com.aiaops.access.OrganizationScope;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Caller;
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
    /** The most windows one read of candidates holds. */
    private static final int CANDIDATES_READ = 1000;

    @Inject
    jakarta.enterprise.event.Event<MaintenanceAnnounced> announcements;

    static final Duration LONGEST = Duration.ofDays(31);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<MaintenanceChanged> changes;

    @Transactional
    public MaintenanceWindow announce(Caller caller, UUID serviceId, String title, Instant startsAt, Instant endsAt) {
        return announce(caller, serviceId, title, startsAt, endsAt, Recurrence.NONE, java.time.ZoneOffset.UTC, null);
    }

    /** Announces a window; a recurring one repeats at the same local time in {@code zone} until {@code repeatUntil}. */
    @Transactional
    public MaintenanceWindow announce(Caller caller, UUID serviceId, String title, Instant startsAt, Instant endsAt,
                                      Recurrence recurrence, java.time.ZoneId zone, Instant repeatUntil) {
        if (recurrence != Recurrence.NONE && Duration.between(startsAt, endsAt).compareTo(recurrence.shortestPeriod()) >= 0) {
            throw InvalidRequestException.ofField("validation-failed", "endsAt", "a " + recurrence
                    + " window must be shorter than the time between two of its occurrences");
        }
        if (repeatUntil != null && !repeatUntil.isAfter(startsAt)) {
            throw InvalidRequestException.ofField("validation-failed", "repeatUntil", "must be after startsAt");
        }
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
                startsAt.truncatedTo(ChronoUnit.MINUTES), ceilMinute(endsAt), recurrence, zone, repeatUntil, clock.instant());
        em.persist(window);
        audit.record(caller, "maintenance.announced", "maintenance-window", window.id(), null, snapshot(window));
        announcements.fire(new MaintenanceAnnounced(window.organizationId(), window.id(), window.serviceId(), window.title(),
                window.startsAt(), window.endsAt()));
        changed(window);
        return window;
    }

    @Transactional
    public List<MaintenanceWindow> list(Caller caller, Instant from, Instant to) {
        return candidates(caller.organizationId(), null, from, to).stream()
                .filter(m -> !m.occurrences(from, to).isEmpty()).toList();
    }

    @Transactional
    public MaintenanceWindow get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @Transactional
    public void cancel(Caller caller, UUID id) {
        MaintenanceWindow window = find(caller, id);
        audit.record(caller, "maintenance.cancelled", "maintenance-window", window.id(), snapshot(window), null);
        em.remove(window);
        changed(window);
    }

    private void changed(MaintenanceWindow window) {
        List<UUID> serviceIds = window.serviceId() != null ? List.of(window.serviceId())
                : services.all(window.organizationId()).stream().map(com.aiaops.catalog.Service::id).toList();
        changes.fire(new MaintenanceChanged(window.organizationId(), serviceIds));
    }

    /** The merged maintenance intervals of a service (its own and the organisation-wide ones) inside [from, to). */
    @Transactional
    public List<Intervals.Interval> excludedIntervals(UUID organizationId, UUID serviceId, Instant from, Instant to) {
        List<Intervals.Interval> intervals = candidates(organizationId, servicesOf(serviceId), from, to).stream()
                .flatMap(m -> m.occurrences(from, to).stream()).toList();
        return Intervals.clipAndMerge(intervals, from, to);
    }

    /**
     * The merged maintenance intervals of several services inside [from, to), by service (a page of SLO statuses): one
     * query for their own and the organisation-wide windows, each service's intervals as
     * {@link #excludedIntervals(UUID, UUID, Instant, Instant)} has them.
     */
    @Transactional
    public Map<UUID, List<Intervals.Interval>> excludedIntervals(UUID organizationId, java.util.Collection<UUID> serviceIds, Instant from, Instant to) {
        Map<UUID, List<Intervals.Interval>> byService = new java.util.HashMap<>();
        if (serviceIds.isEmpty()) {
            return byService;
        }
        List<MaintenanceWindow> candidates = candidates(organizationId, serviceIds, from, to);
        for (UUID serviceId : serviceIds) {
            if (candidates.size() >= CANDIDATES_READ && serviceIds.size() > 1) {
                // The shared read was cut at its limit: each service's own read keeps that limit, as it would alone.
                byService.put(serviceId, excludedIntervals(organizationId, serviceId, from, to));
                continue;
            }
            List<Intervals.Interval> intervals = candidates.stream()
                    .filter(m -> m.serviceId() == null || m.serviceId().equals(serviceId))
                    .flatMap(m -> m.occurrences(from, to).stream()).toList();
            byService.put(serviceId, Intervals.clipAndMerge(intervals, from, to));
        }
        return byService;
    }

    /** The title of a maintenance window covering the service (or the whole organisation) at this instant, if any. */
    @Transactional
    public java.util.Optional<String> activeAt(UUID organizationId, UUID serviceId, Instant at) {
        Instant until = at.plusMillis(1);
        return candidates(organizationId, servicesOf(serviceId), at, until).stream()
                .filter(m -> !m.occurrences(at, until).isEmpty()).map(MaintenanceWindow::title).findFirst();
    }

    /** An occurrence of a window: what the status page shows as active or upcoming maintenance. */
    public record Occurrence(UUID windowId, UUID serviceId, String title, Instant startsAt, Instant endsAt) {
    }

    @Transactional
    public List<Occurrence> occurrences(Caller caller, Instant from, Instant to) {
        return occurrences(caller.organizationId(), from, to);
    }

    /** Every occurrence of the organisation's windows overlapping [from, to), in order of start. */
    @Transactional
    public List<Occurrence> occurrences(UUID organizationId, Instant from, Instant to) {
        return candidates(organizationId, null, from, to).stream()
                .flatMap(m -> m.occurrences(from, to).stream().map(i -> new Occurrence(m.id(), m.serviceId(), m.title(), i.from(), i.to())))
                .sorted(java.util.Comparator.comparing(Occurrence::startsAt)).toList();
    }

    /**
     * Windows that may have an occurrence in [from, to): one-off ones overlapping it, recurring ones started before
     * its end and not ended before its start. With services: theirs and the organisation-wide ones; without (null): all.
     */
    private List<MaintenanceWindow> candidates(UUID organizationId, java.util.Collection<UUID> serviceIds, Instant from, Instant to) {
        // One service is compared with "=": a list parameter would keep Hibernate from caching the query's plan.
        boolean oneService = serviceIds != null && serviceIds.size() == 1;
        String ofServices = serviceIds == null ? "" : oneService ? "and (m.serviceId = :service or m.serviceId is null) "
                : "and (m.serviceId in :services or m.serviceId is null) ";
        return OrganizationScope.read(em, organizationId, "select m from MaintenanceWindow m where m.organizationId = :organization "
                        + ofServices + "and m.startsAt < :to "
                        + "and (m.endsAt > :from or (m.recurrence is not null and m.recurrence <> :none "
                        + "and (m.repeatUntil is null or m.repeatUntil > :from))) order by m.startsAt", MaintenanceWindow.class, query -> {
            query.setParameter("from", from).setParameter("to", to).setParameter("none", Recurrence.NONE);
            if (oneService) {
                query.setParameter("service", serviceIds.iterator().next());
            } else if (serviceIds != null) {
                query.setParameter("services", serviceIds);
            }
            return query.setMaxResults(CANDIDATES_READ).getResultList();
        });
    }

    /** One service's windows and the organisation-wide ones; without a service (null), every window, as before. */
    private static java.util.Collection<UUID> servicesOf(UUID serviceId) {
        return serviceId == null ? null : List.of(serviceId);
    }

    private MaintenanceWindow find(Caller caller, UUID id) {
        return em.createQuery("select m from MaintenanceWindow m where m.id = :id", MaintenanceWindow.class)
                .setParameter("id", id).getResultStream().findFirst()
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
        state.put("recurrence", w.recurrence().name());
        state.put("timeZone", w.zone().getId());
        state.put("repeatUntil", w.repeatUntil() == null ? null : w.repeatUntil().toString());
        return state;
    }
}
