package com.aiaops.oncall;

import com.aiaops.access.OrganizationScope;
import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.KeptSet;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** On-call schedules: defining them, overrides, who is on call, and the shifts of a period. */
@ApplicationScoped
public class ScheduleService {
    static final Duration LONGEST_QUERY = Duration.ofDays(92);
    static final Duration LONGEST_OVERRIDE = Duration.ofDays(31);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    TenancyRepository tenancy;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<KeptSet.Changed> scheduleChanges;

    @Transactional
    public Schedule define(Caller caller, String name, Rotation rotation) {
        for (UUID member : rotation.members()) {
            requireMember(caller, member, "members");
        }
        if (!em.createQuery("select s.id from Schedule s where s.name = :name", UUID.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictException("name-taken", "A schedule named '" + name + "' already exists");
        }
        Schedule schedule = new Schedule(caller.organizationId(), name, rotation, clock.instant());
        em.persist(schedule);
        audit.record(caller, "schedule.defined", "schedule", schedule.id(), null, Map.of("name", name,
                "members", rotation.members().size(), "turn", rotation.length() + " " + rotation.unit()));
        return schedule;
    }

    @Transactional
    public List<Schedule> list(Caller caller) {
        return OrganizationScope.read(em, caller.organizationId(), "select s from Schedule s where s.organizationId = :organization order by s.name",
                Schedule.class, query -> query.setMaxResults(500).getResultList());
    }

    @Transactional
    public Schedule get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @Transactional
    public ScheduleOverride override(Caller caller, UUID scheduleId, UUID memberId, Instant from, Instant to) {
        Schedule schedule = find(caller, scheduleId);
        requireMember(caller, memberId, "memberId");
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST_OVERRIDE) > 0) {
            throw InvalidRequestException.ofField("validation-failed", "to", "must be after from, and an override lasts at most 31 days");
        }
        ScheduleOverride override = new ScheduleOverride(schedule.id(), memberId, from, to);
        em.persist(override);
        // An override is not a Schedule, yet it changes who is on call in the kept list of schedules.
        scheduleChanges.fire(new KeptSet.Changed(caller.organizationId(), Schedule.class));
        audit.record(caller, "schedule.overridden", "schedule", schedule.id(), null,
                Map.of("memberId", memberId.toString(), "from", from.toString(), "to", to.toString()));
        return override;
    }

    @Transactional
    public UUID onCallAt(Caller caller, UUID scheduleId, Instant at) {
        Schedule schedule = find(caller, scheduleId);
        return Coverage.onCallAt(schedule.rotation(), overridesAt(schedule.id(), at), at);
    }

    /** A schedule, who is on call on it at an instant (null: nobody), and the last instant at which that still holds. */
    public record OnCall(Schedule schedule, UUID memberId, Instant holdsUntil) {
    }

    /** Who is on call on one schedule at {@code at}, until the next hand-off or override edge. */
    @Transactional
    public OnCall onCallHeld(Caller caller, UUID scheduleId, Instant at) {
        Schedule schedule = find(caller, scheduleId);
        // Overrides not yet ended: those in force decide who is on call, the later ones when that changes next.
        List<Coverage.Override> notEnded = em.createQuery("select o from ScheduleOverride o where o.scheduleId = :id and o.to > :at",
                        ScheduleOverride.class).setParameter("id", schedule.id()).setParameter("at", at).getResultList().stream()
                .map(ScheduleOverride::asOverride).toList();
        return new OnCall(schedule, Coverage.onCallAt(schedule.rotation(), notEnded, at),
                Coverage.onCallHoldsUntil(schedule.rotation(), notEnded, at));
    }

    /**
     * The organisation's schedules by name, who is on call on each at {@code at} (null: nobody), and the last instant at
     * which all of that still holds (before the next hand-off or override edge on any of them).
     */
    public record Roster(List<Schedule> schedules, Map<UUID, UUID> onCall, Instant holdsUntil) {
    }

    /**
     * The roster at {@code at}: the overrides not yet ended then read in one query for all schedules, not a lookup and
     * every override ever made per schedule.
     */
    @Transactional
    public Roster roster(Caller caller, Instant at) {
        List<Schedule> schedules = list(caller);
        Map<UUID, List<Coverage.Override>> notEnded = OrganizationScope.read(em, caller.organizationId(),
                "select o from ScheduleOverride o, Schedule s where s.id = o.scheduleId and s.organizationId = :organization "
                        + "and o.to > :at", ScheduleOverride.class,
                query -> query.setParameter("at", at).getResultList()).stream()
                .collect(Collectors.groupingBy(ScheduleOverride::scheduleId, Collectors.mapping(ScheduleOverride::asOverride, Collectors.toList())));
        Map<UUID, UUID> onCall = new java.util.HashMap<>();
        Instant holdsUntil = Instant.MAX;
        for (Schedule schedule : schedules) {
            List<Coverage.Override> overrides = notEnded.getOrDefault(schedule.id(), List.of());
            onCall.put(schedule.id(), Coverage.onCallAt(schedule.rotation(), overrides, at));
            Instant holds = Coverage.onCallHoldsUntil(schedule.rotation(), overrides, at);
            holdsUntil = holds.isBefore(holdsUntil) ? holds : holdsUntil;
        }
        return new Roster(schedules, onCall, holdsUntil);
    }

    @Transactional
    public List<Shift> shifts(Caller caller, UUID scheduleId, Instant from, Instant to) {
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST_QUERY) > 0) {
            throw InvalidRequestException.ofField("validation-failed", "to", "must be after from, at most 92 days later");
        }
        Schedule schedule = find(caller, scheduleId);
        Set<UUID> reachable = tenancy.membersAfter(null, 10_000).stream().map(Member::id)
                .collect(Collectors.toSet());
        return Coverage.shifts(schedule.rotation(), overrides(schedule.id()), reachable, from, to);
    }

    /** The schedule's overrides in force at {@code at}: the only ones who is on call then depends on. */
    private List<Coverage.Override> overridesAt(UUID scheduleId, Instant at) {
        return em.createQuery("select o from ScheduleOverride o where o.scheduleId = :id and o.from <= :at and o.to > :at", ScheduleOverride.class)
                .setParameter("id", scheduleId).setParameter("at", at).getResultList().stream().map(ScheduleOverride::asOverride).toList();
    }

    private List<Coverage.Override> overrides(UUID scheduleId) {
        return em.createQuery("select o from ScheduleOverride o where o.scheduleId = :id", ScheduleOverride.class)
                .setParameter("id", scheduleId).getResultList().stream().map(ScheduleOverride::asOverride).toList();
    }

    private void requireMember(Caller caller, UUID memberId, String field) {
        if (tenancy.member(caller.organizationId(), memberId).isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", field, "no member " + memberId + " in this organisation");
        }
    }

    private Schedule find(Caller caller, UUID id) {
        return em.createQuery("select s from Schedule s where s.id = :id", Schedule.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("schedule", id));
    }

}
