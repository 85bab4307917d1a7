package com.aiaops.maintenance;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A maintenance window [startsAt, endsAt) for one service, or for all when serviceId is null; recurring ones repeat
 * at the same local time in their time zone until {@code repeatUntil} (or for ever).
 */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow implements KeptSet.Member {
    /** More than a year of daily windows: no query window needs more. */
    private static final int MAX_OCCURRENCES = 1_000;

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id")
    private UUID serviceId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(length = 8)
    private Recurrence recurrence;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Column(name = "repeat_until")
    private Instant repeatUntil;

    protected MaintenanceWindow() {
    }

    public MaintenanceWindow(UUID organizationId, UUID serviceId, String title, Instant startsAt, Instant endsAt, Instant createdAt) {
        this(organizationId, serviceId, title, startsAt, endsAt, Recurrence.NONE, java.time.ZoneOffset.UTC, null, createdAt);
    }

    public MaintenanceWindow(UUID organizationId, UUID serviceId, String title, Instant startsAt, Instant endsAt, Recurrence recurrence,
                             ZoneId zone, Instant repeatUntil, Instant createdAt) {
        this.recurrence = recurrence;
        this.timeZone = zone.getId();
        this.repeatUntil = repeatUntil;
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.title = title;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdAt = createdAt;
    }

    /** Its occurrences that overlap [from, to), in order; each lasts as long as the first. */
    public List<Intervals.Interval> occurrences(Instant from, Instant to) {
        if (recurrence() == Recurrence.NONE) {
            return startsAt.isBefore(to) && endsAt.isAfter(from) ? List.of(new Intervals.Interval(startsAt, endsAt)) : List.of();
        }
        Duration length = Duration.between(startsAt, endsAt);
        ZoneId zone = zone();
        LocalDateTime first = LocalDateTime.ofInstant(startsAt, zone);
        List<Intervals.Interval> found = new ArrayList<>();
        long skip = Math.max(0, recurrence().periodsAtMost(Duration.between(startsAt, from)));
        for (long n = skip; n < skip + MAX_OCCURRENCES; n++) {
            Instant start = recurrence().nth(first, n).atZone(zone).toInstant();
            if (!start.isBefore(to) || (repeatUntil != null && !start.isBefore(repeatUntil))) {
                break;
            }
            Instant end = start.plus(length);
            if (end.isAfter(from)) {
                found.add(new Intervals.Interval(start, end));
            }
        }
        return found;
    }

    public Recurrence recurrence() {
        return recurrence == null ? Recurrence.NONE : recurrence;
    }

    public ZoneId zone() {
        return timeZone == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(timeZone);
    }

    public Instant repeatUntil() {
        return repeatUntil;
    }

    public UUID id() {
        return id;
    }

    @Override
    public UUID organizationId() {
        return organizationId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String title() {
        return title;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
