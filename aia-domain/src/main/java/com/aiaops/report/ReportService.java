package com.aiaops.report;

import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.cost.CostBreakdowns;
import com.aiaops.cost.CostBudgets;
import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentMetrics;
import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Months;
import com.aiaops.telemetry.Counts;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Writing the reports (for the batch jobs) and reading them (for the API). */
@ApplicationScoped
public class ReportService {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    TenancyRepository tenancy;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    MaintenanceService maintenance;

    @Inject
    CostBreakdowns cost;

    @Inject
    CostBudgets budgets;

    @Inject
    Clock clock;

    /** Every organisation's id: the scheduled jobs write one report each. */
    @Transactional
    public List<UUID> organizations() {
        return em.createQuery("select o.id from Organization o order by o.id", UUID.class).getResultList();
    }

    /**
     * The SLA report of a month: per service, uptime (good / all requests, maintenance left out) against its tier's
     * SLA, and the service credit owed when it was missed.
     */
    @Transactional
    public Report slaReport(UUID organizationId, YearMonth month) {
        Instant from = Months.start(month);
        Instant to = Months.end(month);
        List<List<String>> rows = new ArrayList<>();
        for (Service s : services.all(organizationId)) {
            Counts counts = telemetry.countsOutside(s.id(), null, from, to, maintenance.excludedIntervals(organizationId, s.id(), from, to));
            double sla = s.tier().uptimeSlaPercent().doubleValue();
            if (counts.total() == 0) {
                rows.add(List.of(s.slug(), s.displayName(), s.tier().name(), fmt(sla), "", "0", "0", "no data", "0"));
                continue;
            }
            double uptime = 100.0 * counts.good() / counts.total();
            boolean met = uptime >= sla;
            rows.add(List.of(s.slug(), s.displayName(), s.tier().name(), fmt(sla), String.format(Locale.ROOT, "%.4f", uptime),
                    Long.toString(counts.total()), Long.toString(counts.bad()), met ? "met" : "missed",
                    met ? "0" : Integer.toString(s.tier().serviceCreditPercent())));
        }
        ReportTable table = new ReportTable("Uptime against SLA, " + month, List.of("service", "name", "tier", "sla_percent", "uptime_percent",
                "requests", "failed_requests", "sla", "credit_percent"), rows);
        return save(organizationId, Report.Kind.SLA_MONTHLY, month.toString(), from, to, List.of(table),
                "Monthly SLA report " + month, "Uptime is good requests / all requests of the month, maintenance windows left out.");
    }

    /** The cost report of a month: EffectiveCost by service and by category, and each budget's standing. */
    @Transactional
    public Report costReport(UUID organizationId, YearMonth month) {
        Instant from = Months.start(month);
        Instant to = Months.end(month);
        Caller system = Caller.system(organizationId);
        List<ReportTable> tables = new ArrayList<>();
        for (CostBreakdowns.Dimension by : List.of(CostBreakdowns.Dimension.SERVICE, CostBreakdowns.Dimension.CATEGORY)) {
            tables.add(new ReportTable("EffectiveCost by " + by.name().toLowerCase(Locale.ROOT), List.of("key", "label", "currency",
                    "effective_cost", "billed_cost", "list_cost", "rows"), cost.breakdown(system, by, month, month).stream()
                    .map(sl -> List.of(String.valueOf(sl.key()), String.valueOf(sl.label()), sl.currency(), sl.effectiveCost().toPlainString(),
                            sl.billedCost().toPlainString(), sl.listCost() == null ? "" : sl.listCost().toPlainString(), Long.toString(sl.rows()))).toList()));
        }
        tables.add(new ReportTable("Budgets", List.of("budget", "scope", "budget_amount", "spent", "forecast", "status"),
                budgets.budgetStatus(organizationId, month).stream().map(b -> List.of(b.name(), b.scope().name(),
                        b.forecast().budget().toPlainString(), b.forecast().actual().toPlainString(), b.forecast().forecast().toPlainString(),
                        b.forecast().status().name())).toList()));
        return save(organizationId, Report.Kind.COST_MONTHLY, month.toString(), from, to, tables, "Monthly cost report " + month,
                "EffectiveCost from the imported FOCUS files.");
    }

    /** The weekly operations review of the ISO week that starts on {@code monday}. */
    @Transactional
    public Report weeklyReview(UUID organizationId, LocalDate monday) {
        Instant from = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(7));
        List<Incident> incidents = em.createQuery("select i from Incident i where i.organizationId = :org and i.triggeredAt >= :from "
                        + "and i.triggeredAt < :to order by i.triggeredAt", Incident.class)
                .setParameter("org", organizationId).setParameter("from", from).setParameter("to", to).getResultList();
        IncidentMetrics metrics = IncidentMetrics.of(incidents, clock.instant());
        long alerts = em.createQuery("select count(a) from Alert a where a.organizationId = :org and a.firedAt >= :from and a.firedAt < :to", Long.class)
                .setParameter("org", organizationId).setParameter("from", from).setParameter("to", to).getSingleResult();
        long deployments = em.createQuery("select count(d) from Deployment d where d.organizationId = :org and d.finishedAt >= :from "
                        + "and d.finishedAt < :to", Long.class)
                .setParameter("org", organizationId).setParameter("from", from).setParameter("to", to).getSingleResult();
        long overdueItems = em.createQuery("select count(a) from ActionItem a where a.organizationId = :org and a.state in :open "
                        + "and a.dueOn < :today", Long.class).setParameter("org", organizationId)
                .setParameter("open", List.of(com.aiaops.incident.ActionItem.State.OPEN, com.aiaops.incident.ActionItem.State.IN_PROGRESS))
                .setParameter("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).getSingleResult();
        ReportTable summary = new ReportTable("The week in numbers", List.of("measure", "value"), List.of(
                List.of("incidents opened", Integer.toString(incidents.size())),
                List.of("mean time to acknowledge", String.valueOf(metrics.mtta())),
                List.of("mean time to resolve", String.valueOf(metrics.mttr())),
                List.of("alerts fired", Long.toString(alerts)),
                List.of("deployments", Long.toString(deployments)),
                List.of("overdue postmortem action items", Long.toString(overdueItems))));
        ReportTable list = new ReportTable("Incidents", List.of("triggered_at", "severity", "state", "title"), incidents.stream()
                .map(i -> List.of(i.triggeredAt().toString(), i.severity().name(), i.state().name(), i.title())).toList());
        String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format(Locale.ROOT, "%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return save(organizationId, Report.Kind.WEEKLY_REVIEW, week, from, to, List.of(summary, list), "Weekly operations review " + week,
                from + " to " + to);
    }

    /** The Monday of the last complete ISO week. */
    public LocalDate lastWeek() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).with(DayOfWeek.MONDAY).minusWeeks(1);
    }

    public YearMonth lastMonth() {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).minusMonths(1);
    }

    private Report save(UUID organizationId, Report.Kind kind, String period, Instant from, Instant to, List<ReportTable> tables, String title,
                        String subtitle) {
        Organization org = tenancy.organization(organizationId).orElseThrow(() -> new NotFoundException("organization", organizationId));
        String csv = tables.size() == 1 ? tables.get(0).csv()
                : String.join("\n", tables.stream().map(t -> "# " + t.title() + "\n" + t.csv()).toList());
        Report report = new Report(organizationId, kind, period, from, to, csv,
                ReportTable.page(org.name() + ": " + title, subtitle, tables), clock.instant());
        em.persist(report);
        return report;
    }

    @Transactional
    public List<Report> list(Caller caller) {
        return em.createQuery("select r from Report r order by r.createdAt desc", Report.class)
                .setMaxResults(500).getResultList();
    }

    @Transactional
    public Report get(Caller caller, UUID id) {
        return em.createQuery("select r from Report r where r.id = :id", Report.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("report", id));
    }

    private static String fmt(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
