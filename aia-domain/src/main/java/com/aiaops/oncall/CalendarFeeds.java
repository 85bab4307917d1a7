package com.aiaops.oncall;

import com.aiaops.access.Caller;
import com.aiaops.audit.AuditLog;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Sha256;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * On-call calendar feeds: made and revoked by operators, read by calendar applications with nothing but the secret
 * token in their address. A feed spans the last 7 days and the next 84 (what calendars show around today).
 */
@ApplicationScoped
public class CalendarFeeds {
    static final Duration PAST = Duration.ofDays(7);
    static final Duration AHEAD = Duration.ofDays(84);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ScheduleService schedules;

    @Inject
    TenancyRepository tenancy;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A new feed and its token, which is shown this once. */
    public record Created(CalendarFeed feed, String token) {
    }

    /** The organisation and id of the feed a token opens. */
    public record Opened(UUID organizationId, UUID feedId) {
    }

    @Transactional
    public Created createForSchedule(Caller caller, UUID scheduleId) {
        Schedule schedule = schedules.get(caller, scheduleId);
        return create(caller, schedule.id(), null);
    }

    @Transactional
    public Created createForMember(Caller caller, UUID memberId) {
        tenancy.member(caller.organizationId(), memberId).orElseThrow(() -> new NotFoundException("member", memberId));
        return create(caller, null, memberId);
    }

    private Created create(Caller caller, UUID scheduleId, UUID memberId) {
        String token = com.aiaops.shared.SecretTokens.newToken(32);
        CalendarFeed feed = new CalendarFeed(caller.organizationId(), scheduleId, memberId, Sha256.hex(token), caller.auditActor(),
                clock.instant());
        em.persist(feed);
        Map<String, Object> what = new HashMap<>();
        what.put(scheduleId != null ? "scheduleId" : "memberId", String.valueOf(scheduleId != null ? scheduleId : memberId));
        audit.record(caller, "calendar-feed.created", "calendar-feed", feed.id(), null, what);
        return new Created(feed, token);
    }

    @Transactional
    public List<CalendarFeed> list(Caller caller) {
        return em.createQuery("select f from CalendarFeed f order by f.id", CalendarFeed.class).setMaxResults(1000).getResultList();
    }

    /** Revoked at once: the address answers 404 from now on. */
    @Transactional
    public void revoke(Caller caller, UUID id) {
        CalendarFeed feed = em.createQuery("select f from CalendarFeed f where f.id = :id", CalendarFeed.class)
                .setParameter("id", id).getResultStream().findFirst().orElseThrow(() -> new NotFoundException("calendar feed", id));
        em.remove(feed);
        audit.record(caller, "calendar-feed.revoked", "calendar-feed", id, null, null);
    }

    /** The feed a token opens, looked up by the token's digest across organisations (called outside any). */
    @Transactional
    public Optional<Opened> open(String token) {
        if (!com.aiaops.shared.SecretTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        return em.createQuery("select f from CalendarFeed f where f.tokenDigest = :digest", CalendarFeed.class)
                .setParameter("digest", Sha256.hex(token)).getResultStream().findFirst()
                .map(f -> new Opened(f.organizationId(), f.id()));
    }

    /** The feed as iCalendar text; called in the feed's organisation. */
    @Transactional
    public String render(UUID feedId) {
        CalendarFeed feed = em.find(CalendarFeed.class, feedId);
        if (feed == null) {
            throw new NotFoundException("calendar feed", feedId);
        }
        Instant now = clock.instant();
        feed.read(now);
        Caller system = Caller.system(feed.organizationId());
        // Whole UTC days, so that every read of one day gives the same events with the same ids (a clipped first event too).
        Instant from = now.minus(PAST).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Instant to = now.plus(AHEAD).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Map<UUID, String> names = new HashMap<>();
        List<OnCallCalendar.Entry> entries = new ArrayList<>();
        String title;
        if (feed.scheduleId() != null) {
            Schedule schedule = schedules.get(system, feed.scheduleId());
            title = "On call: " + schedule.name();
            for (Shift shift : schedules.shifts(system, schedule.id(), from, to)) {
                String who = shift.member() == null ? "Nobody" : names.computeIfAbsent(shift.member(), m -> nameOf(feed.organizationId(), m));
                String summary = shift.member() == null ? "Nobody on call (" + schedule.name() + ")"
                        : who + " on call (" + schedule.name() + ")" + (shift.override() ? " — override" : "");
                entries.add(entry(schedule, shift, summary));
            }
        } else {
            String person = nameOf(feed.organizationId(), feed.memberId());
            title = "On call: " + person;
            for (Schedule schedule : schedules.list(system)) {
                for (Shift shift : schedules.shifts(system, schedule.id(), from, to)) {
                    if (feed.memberId().equals(shift.member())) {
                        entries.add(entry(schedule, shift, "On call: " + schedule.name() + (shift.override() ? " — override" : "")));
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(OnCallCalendar.Entry::start));
        return OnCallCalendar.write(title, entries, now);
    }

    private static OnCallCalendar.Entry entry(Schedule schedule, Shift shift, String summary) {
        String kind = shift.override() ? "override" : shift.member() == null ? "gap" : "turn";
        String description = (shift.override() ? "An override of " : "A turn of ") + "schedule " + schedule.name()
                + ", hand-offs in " + schedule.rotation().zone().getId() + ".";
        return new OnCallCalendar.Entry(schedule.id() + "-" + shift.start().getEpochSecond() + "-" + kind + "@aia-ops",
                summary, description, shift.start(), shift.end(), schedule.rotation().zone());
    }

    private String nameOf(UUID organizationId, UUID memberId) {
        return tenancy.member(organizationId, memberId).map(Member::account).map(a -> a.displayName()).orElse("A former member");
    }
}
