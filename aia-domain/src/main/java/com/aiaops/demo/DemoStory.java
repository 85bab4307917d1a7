package com.aiaops.demo;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;
import com.aiaops.alerting.AlertKind;
import com.aiaops.alerting.AlertRule;
import com.aiaops.alerting.AlertRules;
import com.aiaops.alerting.Urgency;
import com.aiaops.catalog.Service;
import com.aiaops.cost.CostBudget;
import com.aiaops.cost.CostBudgets;
import com.aiaops.cost.FocusImports;
import com.aiaops.delivery.ChangeKind;
import com.aiaops.delivery.Commit;
import com.aiaops.delivery.Deployment;
import com.aiaops.delivery.DeploymentService;
import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentService;
import com.aiaops.incident.IncidentState;
import com.aiaops.incident.PostmortemService;
import com.aiaops.incident.Severity;
import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.maintenance.Recurrence;
import com.aiaops.oncall.EscalationPlan;
import com.aiaops.oncall.EscalationPolicy;
import com.aiaops.oncall.EscalationService;
import com.aiaops.oncall.Rotation;
import com.aiaops.oncall.Schedule;
import com.aiaops.oncall.ScheduleService;
import com.aiaops.security.SecurityFindings;
import com.aiaops.shared.ConflictException;
import com.aiaops.slo.BudgetingMethod;
import com.aiaops.slo.Indicator;
import com.aiaops.slo.Slo;
import com.aiaops.slo.SloService;
import com.aiaops.telemetry.MinuteAggregate;
import com.aiaops.telemetry.TelemetryIngest;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the demo organisation has been through before the newcomer arrives: a team of three on a weekly rotation and an
 * escalation policy; SLOs with a burn-rate rule that pages; 30 days of the fleet's requests (with a past outage of
 * notifications that spent its budget, and an error burst of checkout under way at the end, which fires the page);
 * 30 days of deployments with failures and rollbacks; three months of FOCUS cost lines against budgets; scanner
 * findings; maintenance and a resolved incident with its postmortem. All through the domain's own services, as a
 * member's requests would go, each step its own transaction.
 */
@ApplicationScoped
public class DemoStory {
    static final int HISTORY_DAYS = 30;
    private static final int BATCH = 5_000;
    private static final ZoneId TEAM_ZONE = ZoneId.of("Europe/Berlin");
    private static final Logger LOG = Logger.getLogger(DemoStory.class);

    @Inject
    Clock clock;
    @Inject
    MemberService members;
    @Inject
    ScheduleService schedules;
    @Inject
    EscalationService escalation;
    @Inject
    SloService slos;
    @Inject
    AlertRules alertRules;
    @Inject
    TelemetryIngest telemetry;
    @Inject
    DeploymentService deployments;
    @Inject
    FocusImports focus;
    @Inject
    CostBudgets budgets;
    @Inject
    SecurityFindings findings;
    @Inject
    MaintenanceService maintenance;
    @Inject
    IncidentService incidents;
    @Inject
    PostmortemService postmortems;
    @Inject
    DemoFleet liveFleet;

    /** The fleet's services, in the order DemoData registers them. */
    static final List<DemoTraffic.Profile> FLEET = List.of(
            new DemoTraffic.Profile("checkout-api", 600, 0.0004, 80, true),
            new DemoTraffic.Profile("search", 900, 0.0002, 45, false),
            new DemoTraffic.Profile("notifications", 150, 0.003, 120, false));

    /** Tells the story for the organisation {@code slug} of {@code caller} (its ADMIN {@code admin}), whose services are {@code fleet}. */
    public void tell(Caller caller, String slug, Member admin, String emailDomain, List<Service> fleet) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Service checkout = fleet.get(0);
        Service search = fleet.get(1);
        Service notifications = fleet.get(2);

        UUID grace = members.add(caller, "grace@" + emailDomain, "Grace Hopper", Role.OPERATOR, DemoData.randomSecret()).id();
        UUID alan = members.add(caller, "alan@" + emailDomain, "Alan Turing", Role.OPERATOR, DemoData.randomSecret()).id();
        LocalDateTime firstMonday = LocalDate.ofInstant(now, TEAM_ZONE).minusWeeks(4)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atTime(9, 0);
        Schedule primary = schedules.define(caller, "primary",
                new Rotation(firstMonday, TEAM_ZONE, 1, Rotation.Unit.WEEKS, List.of(admin.id(), grace, alan)));
        LocalDate tomorrow = LocalDate.ofInstant(now, TEAM_ZONE).plusDays(1);
        schedules.override(caller, primary.id(), alan, tomorrow.atTime(18, 0).atZone(TEAM_ZONE).toInstant(),
                tomorrow.atTime(22, 0).atZone(TEAM_ZONE).toInstant());
        EscalationPolicy policy = escalation.define(caller, "checkout on-call", new EscalationPlan(List.of(
                new EscalationPlan.Step(Duration.ofMinutes(10), List.of(new EscalationPlan.Target(EscalationPlan.TargetType.SCHEDULE, primary.id()))),
                new EscalationPlan.Step(Duration.ofMinutes(15), List.of(new EscalationPlan.Target(EscalationPlan.TargetType.MEMBER, admin.id())))),
                1));

        Slo checkoutAvailability = slos.define(caller, slo(checkout, "checkout-availability", "Checkout answers", Indicator.AVAILABILITY, null, 0.995, "28d"));
        slos.define(caller, slo(checkout, "checkout-latency", "Checkout within 300 ms", Indicator.LATENCY, 300, 0.99, "28d"));
        slos.define(caller, slo(search, "search-availability", "Search answers", Indicator.AVAILABILITY, null, 0.999, "28d"));
        slos.define(caller, slo(notifications, "notifications-availability", "Notifications are sent", Indicator.AVAILABILITY, null, 0.99, "7d"));
        alertRules.define(caller, new AlertRule.Spec("checkout-burn", AlertKind.BURN_RATE, null, null, checkoutAvailability.id(), null, null,
                5, 0, Urgency.PAGE, Severity.P2, List.of(), policy.id(), false));

        // Deployments first: recorded as they happened, before the outage that would freeze them now.
        deploymentHistory(caller, checkout, now, List.of(10, 15), 1, 7);
        deploymentHistory(caller, search, now, List.of(11), 1, 11);
        deploymentHistory(caller, notifications, now, List.of(14), 2, 5);

        history(caller, fleet, now);
        liveFleet.continueFrom(slug, now);

        // Notifications spent its budget three days ago: a production release is refused now.
        try {
            deployments.record(caller, new DeploymentService.Report(notifications.id(), "2.9.0", "production", List.of(),
                    now.minus(Duration.ofMinutes(9)), now.minus(Duration.ofMinutes(5)), Deployment.Result.SUCCESS, null, ChangeKind.NORMAL, null));
            LOG.warn("The demo's release of notifications was not frozen: its error budget is not spent");
        } catch (ConflictException frozen) {
            LOG.infof("Demo: the release of notifications 2.9.0 is frozen (%s)", frozen.getMessage());
        }

        cost(caller, now, checkout);
        findings.importReport(caller, checkout.id(), trivyReport(checkout.slug()).getBytes(StandardCharsets.UTF_8));
        findings.importReport(caller, search.id(), trivyReportSmall(search.slug()).getBytes(StandardCharsets.UTF_8));

        LocalDate nextSunday = LocalDate.ofInstant(now, TEAM_ZONE).with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
        maintenance.announce(caller, search.id(), "Index rebuild", nextSunday.atTime(2, 0).atZone(TEAM_ZONE).toInstant(),
                nextSunday.atTime(3, 0).atZone(TEAM_ZONE).toInstant(), Recurrence.WEEKLY, TEAM_ZONE, null);
        Instant upgrade = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3).atTime(5, 0).toInstant(ZoneOffset.UTC);
        maintenance.announce(caller, notifications.id(), "Database upgrade", upgrade, upgrade.plus(Duration.ofMinutes(45)));

        Incident past = incidents.open(caller, "Search timeouts after index shard move", "Slow search results", Severity.P2,
                List.of(search.id()), "p95 above 2 s for a third of queries", null);
        incidents.addNote(caller, past.id(), "Searches are slower than usual; we are looking into it.", true);
        incidents.transition(caller, past.id(), IncidentState.ACKNOWLEDGED, "Grace is on it", false, null);
        incidents.transition(caller, past.id(), IncidentState.RESOLVED, "Search is back to its usual speed.", true, null);
        postmortems.write(caller, past.id(), "A shard move left one replica cold.", "Slow search for 40 minutes.",
                "The shard move skipped cache warm-up.", "Warm the cache before routing traffic.", null);
        postmortems.addActionItem(caller, past.id(), "Warm-up step in the shard move runbook", grace, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(7));
        LOG.info("Demo story told: 30 days of history loaded");
    }

    private static SloService.Definition slo(Service service, String name, String displayName, Indicator indicator, Integer thresholdMs,
                                             double target, String window) {
        return new SloService.Definition(service.id(), name, displayName, indicator, thresholdMs, false, false, target, window, true, null, null,
                BudgetingMethod.OCCURRENCES, null, null, 0, null);
    }

    /** The fleet's requests over 30 days ({@link DemoTraffic#history}), loaded in batches. */
    private void history(Caller caller, List<Service> fleet, Instant now) {
        Instant start = now.minus(Duration.ofDays(HISTORY_DAYS));
        List<MinuteAggregate> batch = new ArrayList<>();
        for (DemoTraffic.Profile profile : FLEET) {
            for (MinuteAggregate span : DemoTraffic.history(profile, start, now)) {
                batch.add(span);
                if (batch.size() == BATCH) {
                    telemetry.backfillMinutes(caller, batch, start);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            telemetry.backfillMinutes(caller, batch, start);
        }
    }

    /**
     * Releases at {@code hours} (team time) on working days, every {@code everyDays}-th day; every {@code failEvery}-th
     * fails and is rolled back twenty minutes later.
     */
    private void deploymentHistory(Caller caller, Service service, Instant now, List<Integer> hours, int everyDays, int failEvery) {
        LocalDate first = LocalDate.ofInstant(now, TEAM_ZONE).minusDays(HISTORY_DAYS);
        int minor = 0;
        int n = 0;
        for (LocalDate day = first; !day.isAfter(LocalDate.ofInstant(now, TEAM_ZONE)); day = day.plusDays(everyDays)) {
            if (day.getDayOfWeek().getValue() >= 6) {
                continue;
            }
            for (int hour : hours) {
                Instant t = day.atTime(hour, 0).atZone(TEAM_ZONE).toInstant();
                if (!t.isBefore(now.minus(Duration.ofHours(2))) || t.isBefore(now.minus(Duration.ofDays(HISTORY_DAYS)))) {
                    continue;
                }
                n++;
                String version = "2." + (minor + 1) + ".0";
                List<Commit> commits = List.of(new Commit(sha(service.slug(), n, 1), t.minus(Duration.ofHours(3 + n % 20))),
                        new Commit(sha(service.slug(), n, 2), t.minus(Duration.ofMinutes(50))));
                boolean fails = n % failEvery == 0;
                Deployment d = deployments.record(caller, new DeploymentService.Report(service.id(), version, "production", commits, t,
                        t.plus(Duration.ofMinutes(6)), fails ? Deployment.Result.FAILURE : Deployment.Result.SUCCESS, null, ChangeKind.NORMAL, null));
                if (fails) {
                    deployments.record(caller, new DeploymentService.Report(service.id(), "2." + minor + ".0", "production", List.of(),
                            t.plus(Duration.ofMinutes(20)), t.plus(Duration.ofMinutes(24)), Deployment.Result.SUCCESS, d.id(), ChangeKind.NORMAL, null));
                } else {
                    minor++;
                }
            }
        }
    }

    private static String sha(String slug, int n, int k) {
        return com.aiaops.shared.Sha256.hex(slug + "/" + n + "/" + k).substring(0, 40);
    }

    /** Two whole months and this one up to today, a day a line per service and category, as a FOCUS 1.2 export has them. */
    private void cost(Caller caller, Instant now, Service checkout) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        StringBuilder csv = new StringBuilder("BilledCost,EffectiveCost,ListCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,"
                + "ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceCategory,ServiceName,ResourceId,Tags\r\n");
        record Line(String slug, String category, String serviceName, double perDay) {
        }
        List<Line> lines = List.of(new Line("checkout-api", "Compute", "Virtual Machines", 48), new Line("checkout-api", "Databases", "Managed PostgreSQL", 22),
                new Line("search", "Compute", "Virtual Machines", 31), new Line("search", "Storage", "Block Storage", 6),
                new Line("notifications", "Compute", "Functions", 9));
        for (LocalDate day = YearMonth.from(today).minusMonths(2).atDay(1); !day.isAfter(today); day = day.plusDays(1)) {
            YearMonth month = YearMonth.from(day);
            for (Line line : lines) {
                double cost = line.perDay() * (0.85 + 0.3 * DemoTraffic.noise(line.slug() + line.category(), day.atStartOfDay().toInstant(ZoneOffset.UTC), 5));
                String amount = BigDecimal.valueOf(cost).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
                csv.append(String.join(",", amount, amount, amount, "USD", month.atDay(1) + "T00:00:00Z", month.plusMonths(1).atDay(1) + "T00:00:00Z",
                        "Usage", line.serviceName() + " " + line.slug(), day + "T00:00:00Z", day.plusDays(1) + "T00:00:00Z", "Example Cloud",
                        line.category(), line.serviceName(), "res-" + line.slug() + "-" + line.category().toLowerCase(),
                        "\"{\"\"service\"\":\"\"" + line.slug() + "\"\"}\"")).append("\r\n");
            }
        }
        focus.importFocus(caller, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null);
        budgets.defineBudget(caller, "everything", CostBudget.Scope.ORGANIZATION, null, null, new BigDecimal("3800"), "USD", List.of());
        budgets.defineBudget(caller, "checkout", CostBudget.Scope.SERVICE, checkout.id(), null, new BigDecimal("2000"), "USD", List.of());
    }

    private static String trivyReport(String artifact) {
        return """
                {"SchemaVersion": 2, "ArtifactName": "registry.example/%1$s:2.4.0", "ArtifactType": "container_image",
                 "Results": [{"Target": "registry.example/%1$s:2.4.0 (debian 12.5)", "Class": "os-pkgs", "Type": "debian",
                   "Vulnerabilities": [
                     {"VulnerabilityID": "CVE-2024-3094", "PkgName": "xz-utils", "InstalledVersion": "5.6.0-0.2", "FixedVersion": "5.6.1+really5.4.5-1", "Severity": "CRITICAL", "Title": "xz: malicious code in distributed source"},
                     {"VulnerabilityID": "CVE-2024-6387", "PkgName": "openssh-client", "InstalledVersion": "1:9.2p1-2+deb12u2", "FixedVersion": "1:9.2p1-2+deb12u3", "Severity": "HIGH", "Title": "openssh: regreSSHion"},
                     {"VulnerabilityID": "CVE-2023-44487", "PkgName": "libnghttp2-14", "InstalledVersion": "1.52.0-1", "FixedVersion": "1.52.0-1+deb12u1", "Severity": "HIGH", "Title": "HTTP/2 rapid reset"},
                     {"VulnerabilityID": "CVE-2023-5678", "PkgName": "libssl3", "InstalledVersion": "3.0.11-1~deb12u1", "FixedVersion": "3.0.13-1~deb12u1", "Severity": "MEDIUM", "Title": "openssl: excessive time in DH key checks"}]}]}
                """.formatted(artifact);
    }

    private static String trivyReportSmall(String artifact) {
        return """
                {"SchemaVersion": 2, "ArtifactName": "registry.example/%1$s:2.9.0", "ArtifactType": "container_image",
                 "Results": [{"Target": "registry.example/%1$s:2.9.0 (debian 12.5)", "Class": "os-pkgs", "Type": "debian",
                   "Vulnerabilities": [
                     {"VulnerabilityID": "CVE-2023-4641", "PkgName": "login", "InstalledVersion": "1:4.13+dfsg1-1", "Severity": "LOW", "Title": "shadow-utils: password leak"}]}]}
                """.formatted(artifact);
    }
}
