package com.aiaops.cost;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.notification.Message;
import com.aiaops.notification.NotificationService;
import com.aiaops.shared.Months;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Caller;
import com.aiaops.access.OrganizationScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jakarta.transaction.Transactional;

/** Monthly cost budgets per organisation, service or category: status, month-end forecast, and alerts through channels. */
@ApplicationScoped
public class CostBudgets {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    NotificationService notifications;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public CostBudget defineBudget(Caller caller, String name, CostBudget.Scope scope, UUID serviceId, String category, BigDecimal amount,
                                   String currency, List<UUID> channels) {
        if (scope == CostBudget.Scope.SERVICE && (serviceId == null || services.find(caller.organizationId(), serviceId).isEmpty())) {
            throw InvalidRequestException.ofField("validation-failed", "serviceId", "a SERVICE budget names a service of this organisation");
        }
        if (scope == CostBudget.Scope.CATEGORY && (category == null || !FocusFormat.SERVICE_CATEGORIES.contains(category))) {
            throw InvalidRequestException.ofField("validation-failed", "serviceCategory", "a CATEGORY budget names a FOCUS service category");
        }
        if (amount.signum() <= 0) {
            throw InvalidRequestException.ofField("validation-failed", "monthlyAmount", "must be positive");
        }
        notifications.requireChannels(caller.organizationId(), channels);
        CostBudget budget = new CostBudget(caller.organizationId(), name, scope, scope == CostBudget.Scope.SERVICE ? serviceId : null,
                scope == CostBudget.Scope.CATEGORY ? category : null, amount, currency, channels, clock.instant());
        em.persist(budget);
        audit.record(caller, "cost.budget-defined", "cost-budget", budget.id(), null,
                Map.of("name", name, "scope", scope.name(), "monthlyAmount", amount.toPlainString()));
        return budget;
    }

    @Transactional
    public List<CostBudget> budgets(Caller caller) {
        return budgets(caller.organizationId());
    }

    @Transactional
    public void deleteBudget(Caller caller, UUID id) {
        CostBudget budget = em.createQuery("select b from CostBudget b where b.id = :id", CostBudget.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("budget", id));
        audit.record(caller, "cost.budget-deleted", "cost-budget", id, Map.of("name", budget.name()), null);
        em.remove(budget);
    }

    /** A budget's state in a month. */
    public record BudgetStatus(UUID budgetId, String name, CostBudget.Scope scope, UUID serviceId, String month, String currency,
                               BudgetForecast forecast) {
    }

    @Transactional
    public List<BudgetStatus> budgetStatus(Caller caller, YearMonth month) {
        return budgets(caller.organizationId()).stream().map(b -> status(b, month)).toList();
    }

    /** Every budget of the organisation in a month, for the scorecard. */
    @Transactional
    public List<BudgetStatus> budgetStatus(UUID organizationId, YearMonth month) {
        return budgets(organizationId).stream().map(b -> status(b, month)).toList();
    }

    private BudgetStatus status(CostBudget budget, YearMonth month) {
        Instant start = Months.start(month);
        Instant end = Months.end(month);
        String scope = switch (budget.scope()) {
            case ORGANIZATION -> "";
            case SERVICE -> " and c.serviceId = :service";
            case CATEGORY -> " and c.serviceCategory = :category";
        };
        Object[] row = OrganizationScope.read(em, budget.organizationId(), "select sum(c.effectiveCost), max(c.chargePeriodEnd) from CostLine c "
                + "where c.organizationId = :organization and c.chargePeriodStart >= :start and c.chargePeriodStart < :end" + scope, Object[].class,
                query -> {
                    query.setParameter("start", start).setParameter("end", end);
                    if (budget.scope() == CostBudget.Scope.SERVICE) {
                        query.setParameter("service", budget.serviceId());
                    } else if (budget.scope() == CostBudget.Scope.CATEGORY) {
                        query.setParameter("category", budget.serviceCategory());
                    }
                    return query.getSingleResult();
                });
        BigDecimal actual = row[0] == null ? BigDecimal.ZERO : (BigDecimal) row[0];
        // A month that is over is final: its forecast is what was spent. A running month is extended over the part
        // of it the cost data covers (cost exports lag, so 'now' would understate the rate).
        Instant covered = !clock.instant().isBefore(end) ? end
                : row[1] == null ? null : ((Instant) row[1]).isAfter(end) ? end : (Instant) row[1];
        return new BudgetStatus(budget.id(), budget.name(), budget.scope(), budget.serviceId(), month.toString(), budget.currency(),
                BudgetForecast.of(budget.monthlyAmount(), actual, start, end, covered));
    }

    /** Tells each budget's channels, once per month and level, when the forecast is over the band or the budget is spent. */
    /** After an import: each budget of the organisation looked at again for the months the file covered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluateBudgets(UUID organizationId, YearMonth from, YearMonth to) {
        for (CostBudget budget : budgets(organizationId)) {
            for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                BudgetForecast f = status(budget, month).forecast();
                CostBudget.Alerted level = f.exceeded() ? CostBudget.Alerted.EXCEEDED
                        : f.status() == BudgetForecast.Status.OVER ? CostBudget.Alerted.FORECAST_OVER : CostBudget.Alerted.NONE;
                if (level != CostBudget.Alerted.NONE && budget.shouldAlert(month.toString(), level)) {
                    budget.alerted(month.toString(), level);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("budget", budget.name());
                    details.put("month", month.toString());
                    details.put("budget amount", budget.monthlyAmount().toPlainString() + " " + budget.currency());
                    details.put("spent", f.actual().toPlainString());
                    details.put("forecast", f.forecast().toPlainString());
                    details.put("adherence", String.format(Locale.ROOT, "%.1f %%", f.adherence() * 100));
                    String subject = level == CostBudget.Alerted.EXCEEDED
                            ? "Budget " + budget.name() + " is spent for " + month
                            : "Budget " + budget.name() + " is forecast at " + String.format(Locale.ROOT, "%.0f %%", f.adherence() * 100)
                            + " for " + month;
                    notifications.notify(organizationId, budget.channels(), new Message(level == CostBudget.Alerted.EXCEEDED
                            ? "cost.budget-exceeded" : "cost.budget-forecast-over", subject, details, "cost-budget", budget.id()), null);
                }
            }
        }
    }

    private List<CostBudget> budgets(UUID organizationId) {
        return OrganizationScope.read(em, organizationId, "select b from CostBudget b where b.organizationId = :organization order by b.name",
                CostBudget.class, query -> query.setMaxResults(500).getResultList());
    }

    // Breakdowns and unit costs
}
