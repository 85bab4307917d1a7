package com.aiaops.statuspage;

import com.aiaops.alerting.Alert;
import com.aiaops.alerting.AlertKind;
import com.aiaops.alerting.AlertService;
import com.aiaops.alerting.Urgency;
import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentService;
import com.aiaops.incident.Severity;
import com.aiaops.maintenance.Intervals;
import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.shared.NotFoundException;
import com.aiaops.telemetry.Counts;
import com.aiaops.slo.Slo;
import com.aiaops.slo.SloRepository;
import com.aiaops.slo.SloService;
import com.aiaops.slo.SloStatus;
import com.aiaops.telemetry.QueryCache;
import com.aiaops.telemetry.TelemetryInconsistentException;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The public status page, built from components, alerts, incidents, SLOs, maintenance and telemetry, and cached briefly. */
@ApplicationScoped
public class StatusPageService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StatusPageService.class);

    static final int UPTIME_DAYS = 90;
    /** The public page is rebuilt at most this often: it is unauthenticated, so it must be cheap to serve. */
    static final Duration REFRESH = Duration.ofSeconds(15);
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    TenancyRepository tenancy;

    @Inject
    AlertService alerts;

    @Inject
    IncidentService incidents;

    @Inject
    SloRepository slos;

    @Inject
    SloService sloService;

    @Inject
    MaintenanceService maintenance;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    QueryCache cache;

    @Inject
    StatusComponents statusComponents;

    @Inject
    Clock clock;

    /** The public page of the organisation with this slug, at most {@link #REFRESH} old. */
    @Transactional
    public StatusPage publicPage(String organizationSlug) {
        Organization organization = tenancy.organizationBySlug(organizationSlug)
                .orElseThrow(() -> new NotFoundException("status page", organizationSlug));
        Instant now = clock.instant();
        long bucket = now.getEpochSecond() / REFRESH.toSeconds();
        // Keyed by the 15-second slot as well: a slot's page is never served in the next one, whatever the cache keeps.
        String page = cache.getForAWhile("status-page|" + organization.id() + "|" + bucket, REFRESH,
                () -> JSON.toJson(build(organization, now)));
        return JSON.fromJson(page, StatusPage.class);
    }

    StatusPage build(Organization organization, Instant now) {
        UUID org = organization.id();
        List<StatusComponent> components = statusComponents.of(org);
        Map<UUID, String> names = new HashMap<>();
        components.forEach(c -> names.put(c.serviceId(), c.name()));
        List<Alert> openAlerts = alerts.openAlerts(org);
        List<Incident> openIncidents = incidents.openIncidents(org);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstDay = today.minusDays(UPTIME_DAYS - 1L);

        List<StatusPage.Component> shown = new ArrayList<>();
        for (StatusComponent component : components) {
            Derived derived = derive(component, openAlerts, openIncidents, now);
            Uptime uptime = uptime(org, component.serviceId(), firstDay);
            shown.add(new StatusPage.Component(component.name(), derived.status(), derived.reason(), uptime.overall(), firstDay,
                    uptime.daily()));
        }
        List<StatusPage.ActiveIncident> active = openIncidents.stream()
                .map(i -> new StatusPage.ActiveIncident(publicTitle(i, names), i.severity().name(), i.state().name(), i.triggeredAt(),
                        i.services().stream().map(names::get).filter(n -> n != null).toList(),
                        incidents.publicUpdates(i.id()).stream().map(t -> new StatusPage.Update(t.at(), t.text())).toList()))
                .toList();
        List<StatusPage.Maintenance> windows = maintenance.occurrences(org, now, now.plus(Duration.ofDays(14))).stream()
                .map(o -> new StatusPage.Maintenance(o.title(), o.serviceId() == null ? List.of("all components")
                        : Optional.ofNullable(names.get(o.serviceId())).map(List::of).orElse(List.of()),
                        o.startsAt(), o.endsAt(), !o.startsAt().isAfter(now)))
                .toList();
        return new StatusPage(organization.slug(), organization.name(), now,
                ComponentStatus.overall(shown.stream().map(StatusPage.Component::status).toList()), shown, active, windows);
    }

    record Derived(ComponentStatus status, String reason) {
    }

    /** A status set by hand wins; then maintenance; otherwise the worst of what alerts, incidents and SLOs say. */
    private Derived derive(StatusComponent component, List<Alert> openAlerts, List<Incident> openIncidents, Instant now) {
        if (component.override() != null) {
            return new Derived(component.override(), component.overrideNote() == null ? "set by the operators" : component.overrideNote());
        }
        Optional<String> underMaintenance = maintenance.activeAt(component.organizationId(), component.serviceId(), now);
        if (underMaintenance.isPresent()) {
            return new Derived(ComponentStatus.UNDER_MAINTENANCE, underMaintenance.get());
        }
        ComponentStatus status = ComponentStatus.OPERATIONAL;
        String reason = null;
        for (Incident incident : openIncidents) {
            if (incident.services().contains(component.serviceId())) {
                ComponentStatus s = ofIncident(incident.severity());
                if (s.ordinal() > status.ordinal()) {
                    status = s;
                    reason = "incident" + (incident.publicTitle() == null ? "" : ": " + incident.publicTitle());
                }
            }
        }
        for (Alert alert : openAlerts) {
            if (alert.serviceId().equals(component.serviceId())) {
                ComponentStatus s = alert.urgency() == Urgency.TICKET ? ComponentStatus.DEGRADED_PERFORMANCE
                        : alert.kind() == AlertKind.CHECK_DOWN ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.PARTIAL_OUTAGE;
                if (s.ordinal() > status.ordinal()) {
                    status = s;
                    // Public words: the rule's name is the team's own and stays internal.
                    reason = switch (alert.kind()) {
                        case CHECK_DOWN -> "alert: not reachable";
                        case LATENCY -> "alert: slow responses";
                        case ERROR_RATE -> "alert: elevated error rate";
                        case BURN_RATE -> "alert: errors above objective";
                        case EXTERNAL -> "alert: reported by monitoring";
                    };
                }
            }
        }
        for (Slo slo : slos.ofService(component.organizationId(), component.serviceId())) {
            SloStatus.State state;
            try {
                state = sloService.status(slo).state();
            } catch (TelemetryInconsistentException e) {
                // The public page stays up; the SLO's own status answer names the broken rows.
                LOG.warnf("Status page leaves out SLO %s: %s", slo.id(), e.getMessage());
                continue;
            }
            ComponentStatus s = switch (state) {
                case CRITICAL -> ComponentStatus.PARTIAL_OUTAGE;
                case WARNING, EXHAUSTED -> ComponentStatus.DEGRADED_PERFORMANCE;
                default -> ComponentStatus.OPERATIONAL;
            };
            if (s.ordinal() > status.ordinal()) {
                status = s;
                reason = state == SloStatus.State.CRITICAL ? "errors well above objective" : "errors above objective";
            }
        }
        return new Derived(status, reason);
    }

    /** The incident as the public may see it: its public title, or a neutral one naming the affected components. */
    private static String publicTitle(com.aiaops.incident.Incident incident, Map<UUID, String> components) {
        if (incident.publicTitle() != null) {
            return incident.publicTitle();
        }
        List<String> affected = incident.services().stream().map(components::get).filter(n -> n != null).toList();
        return affected.isEmpty() ? "Investigating an issue" : "Investigating an issue with " + String.join(", ", affected);
    }

    static ComponentStatus ofIncident(Severity severity) {
        return switch (severity) {
            case P0 -> ComponentStatus.MAJOR_OUTAGE;
            case P1 -> ComponentStatus.PARTIAL_OUTAGE;
            case P2, P3 -> ComponentStatus.DEGRADED_PERFORMANCE;
        };
    }

    record Uptime(Double overall, List<Double> daily) {
    }

    /** Counts per UTC day, each without its maintained minutes. */
    private List<Counts> uptimeDays(UUID org, UUID serviceId, LocalDate firstDay) {
        List<Counts> days = new ArrayList<>(telemetry.dailyCounts(serviceId, firstDay, UPTIME_DAYS));
        Instant start = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Intervals.Interval window : maintenance.excludedIntervals(org, serviceId, start, start.plus(Duration.ofDays(UPTIME_DAYS)))) {
            // Split at midnights so each day loses only its own maintained minutes.
            Instant from = window.from();
            while (from.isBefore(window.to())) {
                Instant midnight = from.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1));
                Instant to = midnight.isBefore(window.to()) ? midnight : window.to();
                int index = (int) Duration.between(start, from.truncatedTo(java.time.temporal.ChronoUnit.DAYS)).toDays();
                days.set(index, days.get(index).minus(telemetry.counts(serviceId, null, from, to)));
                from = to;
            }
        }
        return days;
    }

    /** Good / total requests per UTC day from the day roll-ups, maintenance left out (as Uptime Kuma does). */
    private Uptime uptime(UUID org, UUID serviceId, LocalDate firstDay) {
        List<Counts> days;
        try {
            days = uptimeDays(org, serviceId, firstDay);
        } catch (TelemetryInconsistentException e) {
            LOG.warnf("Status page shows no uptime for service %s: %s", serviceId, e.getMessage());
            return new Uptime(null, new ArrayList<>(java.util.Collections.nCopies(UPTIME_DAYS, (Double) null)));
        }
        long good = 0;
        long total = 0;
        List<Double> daily = new ArrayList<>();
        for (Counts day : days) {
            good += day.good();
            total += day.total();
            daily.add(day.total() == 0 ? null : day.good() / (double) day.total());
        }
        return new Uptime(total == 0 ? null : good / (double) total, daily);
    }

}
