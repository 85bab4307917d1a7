package com.aiaops.cost;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.notification.Message;
import com.aiaops.notification.NotificationService;
import com.aiaops.shared.Ids;
import com.aiaops.shared.Months;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import com.aiaops.access.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** FOCUS imports, the cost mapping, budgets with forecasts and alerts, breakdowns and unit costs. */
@ApplicationScoped
public class CostService {
    private static final CSVFormat FOCUS_CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    NotificationService notifications;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public record ImportResult(UUID id, String digest, boolean duplicate, long rows, long unallocatedRows, BigDecimal effectiveCost,
                               Instant firstChargeAt, Instant lastChargeAt, Instant importedAt) {
        public static ImportResult of(CostImport i, boolean duplicate) {
            return new ImportResult(i.id(), i.digest(), duplicate, i.rows(), i.unallocatedRows(), i.effectiveCost(), i.firstChargeAt(),
                    i.lastChargeAt(), i.importedAt());
        }
    }

    /** The parser positioned after the header; a header the parser cannot use (an empty or repeated name) is the file's fault. */
    private static CSVParser header(java.io.Reader text) throws IOException {
        try {
            return FOCUS_CSV.parse(text);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage() == null || e.getMessage().length() <= 200 ? e.getMessage() : e.getMessage().substring(0, 200) + "…";
            throw new InvalidRequestException("invalid-cost-file", "The header is not usable: " + reason,
                    List.of(new InvalidRequestException.Violation("header", reason)));
        }
    }

    /**
     * Imports a FOCUS CSV file, streamed: every row is checked and written as it is read; if any row is wrong,
     * nothing is kept and the errors (up to 100) name row and column. A file imported before (same SHA-256) is
     * recognised at its end and rolled back: {@link DuplicateImport} carries the earlier import.
     */
    @Transactional
    public ImportResult importFocus(Caller caller, InputStream body) {
        caller.require(Role.OPERATOR);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        DigestInputStream digesting = new DigestInputStream(body, sha256);
        CostMappingRule rule = rule(caller.organizationId());
        UUID importId = Ids.newId();
        List<FocusFormat.RowError> errors = FocusFormat.newErrorList();
        long rows = 0;
        long unallocated = 0;
        BigDecimal total = BigDecimal.ZERO;
        Instant first = null;
        Instant last = null;
        try (CSVParser parser = header(new BufferedReader(CsvText.of(digesting), 1 << 16));
             Connection connection = dataSource.getConnection()) {
            List<String> missing = FocusFormat.missingColumns(parser.getHeaderMap());
            if (!missing.isEmpty()) {
                throw new InvalidRequestException("invalid-cost-file", "The header lacks FOCUS columns: " + String.join(", ", missing),
                        missing.stream().map(c -> new InvalidRequestException.Violation("header", "missing column " + c)).toList());
            }
            boolean optional = FocusFormat.OPTIONAL.stream().anyMatch(parser.getHeaderMap()::containsKey);
            FocusFormat format = new FocusFormat();
            int columns = parser.getHeaderMap().size();
            try (CostLineWriter writer = CostLineWriter.on(connection)) {
                for (CSVRecord record : parser) {
                    long row = record.getRecordNumber() + 1; // the header is row 1
                    if (record.size() != columns) {
                        errors.add(new FocusFormat.RowError(row, "*", "has " + record.size() + " fields; the header has " + columns));
                    } else {
                        FocusRow parsed = format.read(record, row, optional, rule, errors);
                        if (parsed != null && errors.isEmpty()) {
                            writer.write(Ids.newBulkId(), caller.organizationId(), importId, parsed);
                            rows++;
                            unallocated += parsed.mappedServiceId() == null ? 1 : 0;
                            total = total.add(parsed.effectiveCost());
                            first = first == null || parsed.chargePeriodStart().isBefore(first) ? parsed.chargePeriodStart() : first;
                            last = last == null || parsed.chargePeriodEnd().isAfter(last) ? parsed.chargePeriodEnd() : last;
                        }
                    }
                    if (errors.size() >= FocusFormat.MAX_ERRORS) {
                        break;
                    }
                }
                if (!errors.isEmpty()) {
                    writer.abort();
                    throw new InvalidRequestException("invalid-cost-file", errors.size() + (errors.size() >= FocusFormat.MAX_ERRORS ? "+" : "")
                            + " problem(s) in the file; nothing was imported", errors.stream()
                            .map(e -> new InvalidRequestException.Violation("row " + e.row() + ": " + e.column(), e.message())).toList());
                }
            }
            digesting.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
        } catch (UncheckedIOException e) {
            // The parser reports an unreadable row (bad quoting, binary bytes) as an unchecked I/O error.
            throw new InvalidRequestException("invalid-cost-file", "The file is not well-formed CSV: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("invalid-cost-file", "The file could not be read: " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("Cost rows could not be written", e);
        }
        if (rows == 0) {
            throw new InvalidRequestException("invalid-cost-file", "The file has a header but no rows");
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        CostImport earlier = em.createQuery("select i from CostImport i where i.organizationId = :org and i.digest = :digest", CostImport.class)
                .setParameter("org", caller.organizationId()).setParameter("digest", digest).getResultStream().findFirst().orElse(null);
        if (earlier != null) {
            throw new DuplicateImport(earlier);
        }
        CostImport imported = new CostImport(importId, caller.organizationId(), digest, rows, unallocated, total, first, last, clock.instant());
        em.persist(imported);
        audit.record(caller, "cost.imported", "cost-import", importId, null,
                Map.of("digest", digest, "rows", rows, "effectiveCost", total.toPlainString()));
        evaluateBudgets(caller.organizationId(), YearMonth.from(first.atZone(ZoneOffset.UTC)), YearMonth.from(last.minusNanos(1).atZone(ZoneOffset.UTC)));
        return ImportResult.of(imported, false);
    }

    @Transactional
    public List<CostImport> imports(Caller caller) {
        caller.require(Role.VIEWER);
        return em.createQuery("select i from CostImport i where i.organizationId = :org order by i.importedAt desc", CostImport.class)
                .setParameter("org", caller.organizationId()).setMaxResults(200).getResultList();
    }

    // Mapping

    @Transactional
    public CostMapping mapping(Caller caller) {
        caller.require(Role.VIEWER);
        return mapping(caller.organizationId());
    }

    /** Sets the allocation rule for later imports. */
    @Transactional
    public CostMapping setMapping(Caller caller, CostMapping.Kind kind, String tagKey, String customerTagKey, Map<String, UUID> resources) {
        caller.require(Role.ADMIN);
        if (kind == CostMapping.Kind.TAG && (tagKey == null || tagKey.isBlank())) {
            throw InvalidRequestException.ofField("validation-failed", "tagKey", "a TAG mapping names the tag that holds the service slug");
        }
        for (UUID serviceId : resources.values()) {
            if (services.find(caller.organizationId(), serviceId).isEmpty()) {
                throw InvalidRequestException.ofField("validation-failed", "resources", "no such service: " + serviceId);
            }
        }
        CostMapping mapping = em.find(CostMapping.class, caller.organizationId());
        if (mapping == null) {
            mapping = new CostMapping(caller.organizationId(), kind, tagKey, customerTagKey, resources);
            em.persist(mapping);
        } else {
            mapping.set(kind, tagKey, customerTagKey, resources);
        }
        audit.record(caller, "cost.mapping-changed", "organization", caller.organizationId(), null,
                Map.of("kind", kind.name(), "resources", resources.size()));
        return mapping;
    }

    private CostMapping mapping(UUID organizationId) {
        CostMapping mapping = em.find(CostMapping.class, organizationId);
        return mapping == null ? CostMapping.defaults(organizationId) : mapping;
    }

    private CostMappingRule rule(UUID organizationId) {
        CostMapping mapping = mapping(organizationId);
        Map<String, UUID> byName = new HashMap<>();
        for (Service s : services.all(organizationId)) {
            byName.put(s.displayName().toLowerCase(Locale.ROOT), s.id());
            byName.put(s.slug().toLowerCase(Locale.ROOT), s.id()); // the slug wins over a display name that equals another's slug
        }
        return new CostMappingRule(mapping.kind(), mapping.tagKey(), mapping.customerTagKey(), byName, mapping.resources());
    }

    // Budgets

    @Transactional
    public CostBudget defineBudget(Caller caller, String name, CostBudget.Scope scope, UUID serviceId, String category, BigDecimal amount,
                                   String currency, List<UUID> channels) {
        caller.require(Role.ADMIN);
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
        caller.require(Role.VIEWER);
        return budgets(caller.organizationId());
    }

    @Transactional
    public void deleteBudget(Caller caller, UUID id) {
        caller.require(Role.ADMIN);
        CostBudget budget = em.createQuery("select b from CostBudget b where b.organizationId = :org and b.id = :id", CostBudget.class)
                .setParameter("org", caller.organizationId()).setParameter("id", id).getResultStream().findFirst()
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
        caller.require(Role.VIEWER);
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
        var query = em.createQuery("select sum(c.effectiveCost), max(c.chargePeriodEnd) from CostLine c where c.organizationId = :org "
                        + "and c.chargePeriodStart >= :start and c.chargePeriodStart < :end" + scope, Object[].class)
                .setParameter("org", budget.organizationId()).setParameter("start", start).setParameter("end", end);
        if (budget.scope() == CostBudget.Scope.SERVICE) {
            query.setParameter("service", budget.serviceId());
        } else if (budget.scope() == CostBudget.Scope.CATEGORY) {
            query.setParameter("category", budget.serviceCategory());
        }
        Object[] row = query.getSingleResult();
        BigDecimal actual = row[0] == null ? BigDecimal.ZERO : (BigDecimal) row[0];
        // A month that is over is final: its forecast is what was spent. A running month is extended over the part
        // of it the cost data covers (cost exports lag, so 'now' would understate the rate).
        Instant covered = !clock.instant().isBefore(end) ? end
                : row[1] == null ? null : ((Instant) row[1]).isAfter(end) ? end : (Instant) row[1];
        return new BudgetStatus(budget.id(), budget.name(), budget.scope(), budget.serviceId(), month.toString(), budget.currency(),
                BudgetForecast.of(budget.monthlyAmount(), actual, start, end, covered));
    }

    /** Tells each budget's channels, once per month and level, when the forecast is over the band or the budget is spent. */
    private void evaluateBudgets(UUID organizationId, YearMonth from, YearMonth to) {
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
        return em.createQuery("select b from CostBudget b where b.organizationId = :org order by b.name", CostBudget.class)
                .setParameter("org", organizationId).setMaxResults(500).getResultList();
    }

    // Breakdowns and unit costs

    public enum Dimension { SERVICE, CATEGORY, PROVIDER, CUSTOMER, MONTH }

    public record Slice(String key, String label, String currency, BigDecimal effectiveCost, BigDecimal billedCost, BigDecimal listCost,
                        long rows) {
    }

    /** EffectiveCost (and billed, list) over the months [from, to], by one dimension and currency, largest first. */
    @Transactional
    public List<Slice> breakdown(Caller caller, Dimension by, YearMonth from, YearMonth to) {
        caller.require(Role.VIEWER);
        if (to.isBefore(from) || from.plusMonths(36).isBefore(to)) {
            throw InvalidRequestException.ofField("invalid-parameter", "to", "from 'from' to at most 36 months later");
        }
        if (by == Dimension.MONTH) {
            List<Slice> months = new ArrayList<>();
            for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                String label = month.toString();
                months.addAll(sums(caller.organizationId(), null, month, month).stream()
                        .map(s -> new Slice(label, label, s.currency(), s.effectiveCost(), s.billedCost(), s.listCost(), s.rows()))
                        .toList());
            }
            return months;
        }
        String key = switch (by) {
            case SERVICE -> "c.serviceId";
            case CATEGORY -> "c.serviceCategory";
            case PROVIDER -> "c.providerName";
            case CUSTOMER -> "c.customer";
            case MONTH -> throw new IllegalStateException("handled above");
        };
        Map<UUID, String> names = new HashMap<>();
        if (by == Dimension.SERVICE) {
            services.all(caller.organizationId()).forEach(s -> names.put(s.id(), s.displayName()));
        }
        return sums(caller.organizationId(), key, from, to).stream().map(s -> {
            String label = s.key() == null ? "(unallocated)" : by == Dimension.SERVICE ? names.getOrDefault(UUID.fromString(s.key()), s.key()) : s.key();
            return new Slice(s.key(), label, s.currency(), s.effectiveCost(), s.billedCost(), s.listCost(), s.rows());
        }).sorted((a, b) -> b.effectiveCost().compareTo(a.effectiveCost())).toList();
    }

    private List<Slice> sums(UUID organizationId, String key, YearMonth from, YearMonth to) {
        Instant start = Months.start(from);
        Instant end = Months.end(to);
        String select = key == null ? "" : key + ", ";
        List<Object[]> rows = em.createQuery("select " + select + "c.billingCurrency, sum(c.effectiveCost), sum(c.billedCost), sum(c.listCost), count(c) "
                        + "from CostLine c where c.organizationId = :org and c.chargePeriodStart >= :start and c.chargePeriodStart < :end "
                        + "group by " + select + "c.billingCurrency", Object[].class)
                .setParameter("org", organizationId).setParameter("start", start).setParameter("end", end).getResultList();
        int o = key == null ? 0 : 1;
        return rows.stream().map(r -> new Slice(key == null || r[0] == null ? null : r[0].toString(), null, (String) r[o],
                (BigDecimal) r[o + 1], (BigDecimal) r[o + 2], (BigDecimal) r[o + 3], (Long) r[o + 4])).toList();
    }

    public record UnitCost(UUID serviceId, String service, String currency, BigDecimal effectiveCost, long requests,
                           BigDecimal costPerMillionRequests) {
    }

    public record CustomerCost(String customer, String currency, BigDecimal effectiveCost) {
    }

    public record UnitCosts(String month, List<UnitCost> perService, List<CustomerCost> perCustomer) {
    }

    /** A month's EffectiveCost per million requests of each service (requests from our telemetry), and per customer tag. */
    @Transactional
    public UnitCosts unitCosts(Caller caller, YearMonth month) {
        caller.require(Role.VIEWER);
        Instant start = Months.start(month);
        Instant end = Months.end(month);
        Map<String, Service> byId = new HashMap<>();
        services.all(caller.organizationId()).forEach(s -> byId.put(s.id().toString(), s));
        List<UnitCost> perService = new ArrayList<>();
        for (Slice slice : sums(caller.organizationId(), "c.serviceId", month, month)) {
            Service s = slice.key() == null ? null : byId.get(slice.key());
            if (s != null) {
                long requests = telemetry.counts(s.id(), null, start, end).total();
                perService.add(new UnitCost(s.id(), s.displayName(), slice.currency(), slice.effectiveCost(), requests, requests == 0 ? null
                        : slice.effectiveCost().multiply(BigDecimal.valueOf(1_000_000)).divide(BigDecimal.valueOf(requests), MathContext.DECIMAL64)));
            }
        }
        List<CustomerCost> perCustomer = sums(caller.organizationId(), "c.customer", month, month).stream().filter(s -> s.key() != null)
                .map(s -> new CustomerCost(s.key(), s.currency(), s.effectiveCost()))
                .sorted((a, b) -> b.effectiveCost().compareTo(a.effectiveCost())).toList();
        return new UnitCosts(month.toString(), perService, perCustomer);
    }
}
