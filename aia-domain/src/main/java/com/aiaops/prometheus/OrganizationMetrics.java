package com.aiaops.prometheus;

import com.aiaops.access.Caller;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.checks.Check;
import com.aiaops.checks.CheckService;
import com.aiaops.checks.CheckStatus;
import com.aiaops.cost.CostBudget;
import com.aiaops.cost.CostBudgets;
import com.aiaops.cost.CostImport;
import com.aiaops.delivery.Deployment;
import com.aiaops.delivery.DeploymentService;
import com.aiaops.delivery.DoraBands;
import com.aiaops.delivery.DoraMetrics;
import com.aiaops.incident.Incident;
import com.aiaops.incident.IncidentService;
import com.aiaops.shared.KeptSet;
import com.aiaops.slo.Slo;
import com.aiaops.slo.SloService;
import com.aiaops.slo.SloStatus;
import com.aiaops.telemetry.QueryCache;
import com.aiaops.telemetry.TelemetryQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What one organisation's scrape holds, computed at the scrape: every value is the one the API's own endpoints
 * answer at that instant (an SLO's burn rate is its status' burn rate), in base units — seconds, ratios.
 */
@ApplicationScoped
public class OrganizationMetrics {
    private static final Logger LOG = Logger.getLogger(OrganizationMetrics.class);
    /** The window of the per-service request, error and latency gauges. */
    static final Duration SERVICE_WINDOW = Duration.ofMinutes(5);
    /** The window of the DORA keys. */
    static final Duration DORA_WINDOW = Duration.ofDays(30);
    private static final List<Double> QUANTILES = List.of(0.5, 0.95, 0.99);

    @Inject
    SloService slos;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    CheckService checks;

    @Inject
    IncidentService incidents;

    @Inject
    DeploymentService deployments;

    @Inject
    CostBudgets budgets;

    /**
     * The organisation's sets a scrape reads: its services' telemetry (and maintenance, which renews it), services, SLOs,
     * checks (each run changes its check), incidents, deployments, cost budgets and imports.
     */
    public static final List<String> READS = List.of(QueryCache.TELEMETRY, KeptSet.of(Service.class), KeptSet.of(Slo.class),
            KeptSet.of(Check.class), KeptSet.of(Incident.class), KeptSet.of(Deployment.class), KeptSet.of(CostBudget.class),
            KeptSet.of(CostImport.class));

    /**
     * A scrape's families, and the last instant they stay true while none of {@link #READS} changes: the end of the minute
     * (statuses and windows count by the minute), or sooner when a deployment or incident leaves DORA's thirty days.
     */
    public record Scrape(List<MetricFamily> families, Instant holdsUntil) {
    }

    @Transactional
    public Scrape scrape(Caller caller, Instant now) {
        Map<UUID, String> slugs = new HashMap<>();
        List<Service> all = services.all(caller.organizationId());
        all.forEach(s -> slugs.put(s.id(), s.slug()));
        List<MetricFamily> families = new ArrayList<>();
        families.addAll(sloFamilies(caller, slugs));
        families.addAll(serviceFamilies(caller, all, now));
        families.addAll(checkFamilies(caller, slugs));
        families.add(openIncidents(caller));
        DeploymentService.HeldDora dora = deployments.doraOverLast(caller, null, DORA_WINDOW, now, Duration.ofHours(24), DoraBands.LATEST);
        families.addAll(doraFamilies(dora.dora().metrics()));
        families.addAll(budgetFamilies(caller, now));
        Instant minuteEnd = QueryCache.heldToMinuteEnd(now);
        return new Scrape(families, dora.holdsUntil().isBefore(minuteEnd) ? dora.holdsUntil() : minuteEnd);
    }

    private List<MetricFamily> sloFamilies(Caller caller, Map<UUID, String> slugs) {
        MetricFamily objective = gauge("aia_slo_objective_ratio", "The SLO's target: the share of good events it promises");
        MetricFamily sli = gauge("aia_slo_sli_ratio", "The SLI over the SLO's window so far: good events (or good slices) over all; absent without data");
        MetricFamily good = gauge("aia_slo_good_events", "Good events in the SLO's window so far");
        MetricFamily events = gauge("aia_slo_events", "All events in the SLO's window so far");
        MetricFamily budget = gauge("aia_slo_error_budget_seconds", "The error budget of the whole window, in seconds of full outage");
        MetricFamily remaining = gauge("aia_slo_error_budget_remaining_ratio", "The share of the error budget left (negative once overspent)");
        MetricFamily remainingSeconds = gauge("aia_slo_error_budget_remaining_seconds", "The error budget left, in seconds of full outage");
        MetricFamily burnRate = gauge("aia_slo_burn_rate", "How fast the budget burns over an alert window: the error ratio over the allowed one (1 spends it exactly in the window)");
        MetricFamily firing = gauge("aia_slo_alert_firing", "1 while a burn-rate alert of the SLO fires (long and short windows both above the factor), else 0");
        MetricFamily state = gauge("aia_slo_state", "1 for the SLO's current state (NO_DATA, HEALTHY, WARNING, CRITICAL, EXHAUSTED), 0 for the others");
        List<Slo> all = slos.all(caller);
        Map<UUID, SloStatus> statuses = slos.statuses(all);
        for (Slo slo : all) {
            String service = slugs.getOrDefault(slo.serviceId(), slo.serviceId().toString());
            SloStatus status = statuses.get(slo.id());
            String[] labels = {"service", service, "slo", slo.name()};
            objective.add(status.target(), labels);
            sli.add(status.sli(), labels);
            good.add((double) status.goodEvents(), labels);
            events.add((double) status.totalEvents(), labels);
            budget.add(status.budgetMinutes() * 60, labels);
            remaining.add(status.budgetRemaining(), labels);
            remainingSeconds.add(status.budgetRemainingMinutes() * 60, labels);
            for (SloStatus.BurnRate rate : status.burnRates()) {
                burnRate.add(rate.burnRate(), "service", service, "slo", slo.name(), "window", rate.window());
            }
            for (SloStatus.Alert alert : status.alerts()) {
                firing.add(alert.firing() ? 1.0 : 0.0, "service", service, "slo", slo.name(), "severity", alert.severity().name(),
                        "long_window", alert.longWindow(), "short_window", alert.shortWindow());
            }
            for (SloStatus.State each : SloStatus.State.values()) {
                state.add(each == status.state() ? 1.0 : 0.0, "service", service, "slo", slo.name(), "state", each.name());
            }
        }
        return List.of(objective, sli, good, events, budget, remaining, remainingSeconds, burnRate, firing, state);
    }

    private List<MetricFamily> serviceFamilies(Caller caller, List<Service> all, Instant now) {
        String window = SERVICE_WINDOW.toMinutes() + "m";
        MetricFamily requests = gauge("aia_service_requests", "Requests the service received over the window (last complete minutes)");
        MetricFamily errors = gauge("aia_service_errors", "Requests that failed on the service's side over the window");
        MetricFamily latency = gauge("aia_service_request_latency_seconds", "Request latency quantiles over the window");
        Instant to = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        // Every service's window in one read (one query per resolution, answers cached per service): service by service, the
        // scrape of an organisation ran a lookup and a range query for each.
        TelemetryQuery.Summaries summaries = telemetry.summaries(all.stream().map(Service::id).toList(), to.minus(SERVICE_WINDOW), to,
                QUANTILES);
        for (Service service : all) {
            TelemetryQuery.Summary summary = summaries.sound().get(service.id());
            if (summary == null) {
                // Broken rows of one service leave its gauges out instead of failing the organisation's scrape; its own reads name them.
                LOG.warnf("Scrape of %s leaves out service %s: %s", caller.organizationId(), service.slug(),
                        summaries.inconsistent().get(service.id()));
                continue;
            }
            requests.add((double) summary.requests(), "service", service.slug(), "window", window);
            errors.add((double) (summary.requests() - summary.goodRequests()), "service", service.slug(), "window", window);
            for (double q : QUANTILES) {
                Double ms = summary.latencyMs() == null ? null : summary.latencyMs().get(TelemetryQuery.label(q));
                latency.add(ms == null ? null : ms / 1000, "service", service.slug(), "quantile", Double.toString(q), "window", window);
            }
        }
        return List.of(requests, errors, latency);
    }

    private List<MetricFamily> checkFamilies(Caller caller, Map<UUID, String> slugs) {
        MetricFamily up = gauge("aia_check_up", "1 while the synthetic check is up, 0 while down; absent before its first verdict");
        MetricFamily latency = gauge("aia_check_latency_seconds", "How long the check's last run took");
        MetricFamily expiry = gauge("aia_check_tls_certificate_expiry_timestamp_seconds",
                "When the certificate a TLS check last saw expires, in seconds since the epoch (alert on it minus time())");
        for (Check check : checks.all(caller)) {
            String service = slugs.getOrDefault(check.serviceId(), check.serviceId().toString());
            up.add(check.status() == CheckStatus.UNKNOWN ? null : check.status() == CheckStatus.UP ? 1.0 : 0.0,
                    "service", service, "check", check.name());
            latency.add(check.lastLatencyMillis() == null ? null : check.lastLatencyMillis() / 1000, "service", service, "check", check.name());
            if (check.tlsExpiresAt() != null) {
                expiry.add((double) check.tlsExpiresAt().getEpochSecond(), "service", service, "check", check.name());
            }
        }
        return List.of(up, latency, expiry);
    }

    private MetricFamily openIncidents(Caller caller) {
        MetricFamily open = gauge("aia_incidents_open", "Incidents triggered, acknowledged or mitigated and not yet resolved, by severity");
        incidents.openCountsBySeverity(caller.organizationId())
                .forEach((severity, count) -> open.add((double) count, "severity", severity.name()));
        return open;
    }

    private List<MetricFamily> doraFamilies(DoraMetrics.Result dora) {
        String window = DORA_WINDOW.toDays() + "d";
        return List.of(
                gauge("aia_dora_deployment_frequency_weekly", "Deployment frequency: days with a successful production deployment, per week")
                        .add(dora.deploymentDaysPerWeek(), "window", window),
                gauge("aia_dora_lead_time_seconds", "Median lead time for changes: first commit to production")
                        .add(seconds(dora.medianLeadTime()), "window", window),
                gauge("aia_dora_change_failure_ratio", "Change failure rate: deployments followed by an incident within 24 h, over all")
                        .add(dora.changeFailureRate(), "window", window),
                gauge("aia_dora_time_to_restore_seconds", "Median time to restore service after an incident")
                        .add(seconds(dora.medianTimeToRestore()), "window", window));
    }

    private List<MetricFamily> budgetFamilies(Caller caller, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        MetricFamily amount = gauge("aia_cost_budget_amount", "A cost budget's amount for the month, in its currency");
        MetricFamily actual = gauge("aia_cost_budget_actual", "EffectiveCost spent against the budget this month so far, in its currency");
        MetricFamily forecast = gauge("aia_cost_budget_forecast", "The month's EffectiveCost forecast at today's pace, in the budget's currency");
        for (CostBudgets.BudgetStatus status : budgets.budgetStatus(caller, month)) {
            String[] labels = {"budget", status.name(), "currency", status.currency(), "month", status.month()};
            amount.add(status.forecast().budget().doubleValue(), labels);
            actual.add(status.forecast().actual().doubleValue(), labels);
            forecast.add(status.forecast().forecast() == null ? null : status.forecast().forecast().doubleValue(), labels);
        }
        return List.of(amount, actual, forecast);
    }

    private static Double seconds(Duration duration) {
        return duration == null ? null : duration.toNanos() / 1e9;
    }

    private static MetricFamily gauge(String name, String help) {
        return new MetricFamily(name, MetricFamily.Type.GAUGE, help);
    }
}
