package com.aiaops.scorecard;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.cost.BudgetForecast;
import com.aiaops.cost.CostBudget;
import com.aiaops.cost.CostBudgets;
import com.aiaops.security.SecurityFindings;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.Months;
import com.aiaops.shared.NotFoundException;
import com.aiaops.cost.CostImport;
import com.aiaops.security.Finding;
import com.aiaops.security.ScanImport;
import com.aiaops.shared.KeptSet;
import com.aiaops.telemetry.Counts;
import com.aiaops.telemetry.QueryCache;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Five-pillar scorecards per organisation or service and month, from telemetry, findings and budgets. */
@ApplicationScoped
public class ScorecardService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ScorecardService.class);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    SecurityFindings security;

    @Inject
    CostBudgets cost;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A month's scorecard; for the month under way, up to now. */
    public record Scorecard(UUID serviceId, String scope, String month, Instant from, Instant to, List<Pillar> pillars, String grade) {
        /**
         * The same card read at {@code now}, within the minute it was computed in ({@link QueryCache#heldToMinuteEnd}): a running month's
         * card ends at {@code now}; its counts are the minute's, which is all a card counts to.
         */
        public Scorecard at(Instant now) {
            Instant end = Months.end(YearMonth.parse(month));
            return to.equals(end) || !now.isBefore(end) ? this : new Scorecard(serviceId, scope, month, from, now, pillars, grade);
        }
    }

    /**
     * The organisation's sets a scorecard reads: its services' telemetry and the kinds of its objects. A card computed at an
     * instant holds until that minute's end ({@link QueryCache#heldToMinuteEnd}) while none of them changes.
     */
    public static final List<String> READS = List.of(QueryCache.TELEMETRY, KeptSet.of(Service.class), KeptSet.of(ScanImport.class),
            KeptSet.of(Finding.class), KeptSet.of(CostBudget.class), KeptSet.of(CostImport.class), KeptSet.of(ScorecardTargets.class));

    /** The scorecards of the last {@code months} months, this one first. */
    @Transactional
    public List<Scorecard> history(Caller caller, UUID serviceId, int months) {
        if (months < 1 || months > 24) {
            throw InvalidRequestException.ofField("invalid-parameter", "months", "from 1 to 24");
        }
        Service service = serviceId == null ? null : services.find(caller.organizationId(), serviceId)
                .orElseThrow(() -> new NotFoundException("service", serviceId));
        ScorecardTargets targets = targets(caller.organizationId());
        YearMonth current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        List<Scorecard> cards = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            cards.add(scorecard(caller.organizationId(), service, current.minusMonths(i), targets));
        }
        return cards;
    }

    private Scorecard scorecard(UUID organizationId, Service service, YearMonth month, ScorecardTargets targets) {
        Instant from = Months.start(month);
        Instant monthEnd = Months.end(month);
        Instant now = clock.instant();
        Instant to = now.isBefore(monthEnd) ? now : monthEnd;
        List<Service> scope = service == null ? services.all(organizationId) : List.of(service);
        List<Pillar> pillars = new ArrayList<>();
        if (!from.isBefore(to)) {
            return new Scorecard(service == null ? null : service.id(), service == null ? "organization" : service.slug(), month.toString(),
                    from, to, List.of(), Grade.of(List.of()));
        }
        // One read of every service's month together: service by service, an organisation of 100 took most of a second.
        TelemetryQuery.Summaries monthly = telemetry.summaries(scope.stream().map(Service::id).toList(), from, to, List.of(0.95));
        Counts counts = Counts.NONE;
        Double p95 = null;
        String slowest = null;
        for (Service s : scope) {
            String inconsistent = monthly.inconsistent().get(s.id());
            if (inconsistent != null) {
                // One service's broken rows must not take the organisation's scorecard down; its own reads name the problem.
                LOG.warnf("Scorecard of %s leaves out service %s: %s", organizationId, s.slug(), inconsistent);
                continue;
            }
            TelemetryQuery.Summary monthOfService = monthly.sound().get(s.id());
            counts = counts.plus(new Counts(monthOfService.goodRequests(), monthOfService.requests()));
            Double p = monthOfService.latencyMs().get("p95");
            if (p != null && (p95 == null || p > p95)) {
                p95 = p;
                slowest = s.slug();
            }
        }
        double uptimeTarget = service == null ? targets.uptimePercent() : service.tier().uptimeSlaPercent().doubleValue();
        String uptimeTargetText = format(uptimeTarget) + " % uptime" + (service == null ? "" : " (" + service.tier() + " SLA)");
        if (counts.total() == 0) {
            pillars.add(Pillar.noData(Pillar.Name.RELIABILITY, uptimeTargetText, uptimeTarget, "%", "no requests in the month"));
            pillars.add(Pillar.noData(Pillar.Name.PERFORMANCE, "p95 < " + format(targets.p95Ms()) + " ms", targets.p95Ms(), "ms",
                    "no requests in the month"));
            pillars.add(Pillar.noData(Pillar.Name.QUALITY, "errors < " + format(targets.errorRatePercent()) + " %", targets.errorRatePercent(), "%",
                    "no requests in the month"));
        } else {
            double uptime = 100.0 * counts.good() / counts.total();
            pillars.add(new Pillar(Pillar.Name.RELIABILITY, uptimeTargetText, uptimeTarget, uptime, "%",
                    Pillar.higherIsBetter(uptime, uptimeTarget), counts.good() + " of " + counts.total() + " requests good"));
            pillars.add(p95 == null ? Pillar.noData(Pillar.Name.PERFORMANCE, "p95 < " + format(targets.p95Ms()) + " ms", targets.p95Ms(), "ms",
                    "no latencies in the month")
                    : new Pillar(Pillar.Name.PERFORMANCE, "p95 < " + format(targets.p95Ms()) + " ms", targets.p95Ms(), p95, "ms",
                    Pillar.lowerIsBetter(p95, targets.p95Ms()), service == null ? "slowest service: " + slowest : "p95 over the month"));
            double errors = 100.0 * counts.bad() / counts.total();
            pillars.add(new Pillar(Pillar.Name.QUALITY, "errors < " + format(targets.errorRatePercent()) + " %", targets.errorRatePercent(), errors,
                    "%", Pillar.lowerIsBetter(errors, targets.errorRatePercent()), counts.bad() + " failed requests"));
        }
        Long critical = security.openCriticalAt(organizationId, service == null ? null : service.id(), to);
        String securityTarget = targets.criticalFindings() + " open critical findings";
        pillars.add(critical == null ? Pillar.noData(Pillar.Name.SECURITY, securityTarget, (double) targets.criticalFindings(), "findings",
                "no scan report imported by then")
                : new Pillar(Pillar.Name.SECURITY, securityTarget, (double) targets.criticalFindings(), critical.doubleValue(), "findings",
                Pillar.lowerIsBetter(critical, targets.criticalFindings()), to.equals(monthEnd) ? "open at the month's end" : "open now"));
        pillars.add(costPillar(organizationId, service, month));
        return new Scorecard(service == null ? null : service.id(), service == null ? "organization" : service.slug(), month.toString(), from,
                to, pillars, Grade.of(pillars));
    }

    /** Budget adherence of the budgets that cover the scope (the worst one): under the band exceeds, within meets. */
    private Pillar costPillar(UUID organizationId, Service service, YearMonth month) {
        CostBudget.Scope wanted = service == null ? CostBudget.Scope.ORGANIZATION : CostBudget.Scope.SERVICE;
        var statuses = cost.budgetStatus(organizationId, month).stream()
                .filter(b -> b.scope() == wanted && (service == null || service.id().equals(b.serviceId())))
                .max(Comparator.comparingDouble(b -> b.forecast().adherence()));
        String target = "spend within ±10 % of budget";
        if (statuses.isEmpty()) {
            return Pillar.noData(Pillar.Name.COST, target, 100.0, "% of budget", "no budget for this scope");
        }
        BudgetForecast f = statuses.get().forecast();
        Pillar.Status status = switch (f.status()) {
            case UNDER -> Pillar.Status.EXCEEDING;
            case ON_BUDGET -> Pillar.Status.MET;
            case OVER -> Pillar.Status.BELOW;
        };
        return new Pillar(Pillar.Name.COST, target, 100.0, f.adherence() * 100, "% of budget", status,
                "budget " + statuses.get().name() + ": forecast " + f.forecast().toPlainString() + " of " + f.budget().toPlainString());
    }

    @Transactional
    public ScorecardTargets targets(Caller caller) {
        return targets(caller.organizationId());
    }

    @Transactional
    public ScorecardTargets setTargets(Caller caller, double uptimePercent, double p95Ms, double errorRatePercent, int criticalFindings) {
        ScorecardTargets targets = em.find(ScorecardTargets.class, caller.organizationId());
        if (targets == null) {
            targets = new ScorecardTargets(caller.organizationId(), uptimePercent, p95Ms, errorRatePercent, criticalFindings);
            em.persist(targets);
        } else {
            targets.set(uptimePercent, p95Ms, errorRatePercent, criticalFindings);
        }
        audit.record(caller, "scorecard.targets-changed", "organization", caller.organizationId(), null, Map.of("uptimePercent", uptimePercent,
                "p95Ms", p95Ms, "errorRatePercent", errorRatePercent, "criticalFindings", criticalFindings));
        return targets;
    }

    private ScorecardTargets targets(UUID organizationId) {
        ScorecardTargets targets = em.find(ScorecardTargets.class, organizationId);
        return targets == null ? ScorecardTargets.defaults(organizationId) : targets;
    }

    private static String format(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
