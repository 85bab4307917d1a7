package com.aiaops.cost;

import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.Months;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.transaction.Transactional;

/** Spend broken down by service, category, provider, customer or month, and unit costs against our own telemetry. */
@ApplicationScoped
public class CostBreakdowns {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;

    public enum Dimension { SERVICE, CATEGORY, PROVIDER, CUSTOMER, MONTH }

    public record Slice(String key, String label, String currency, BigDecimal effectiveCost, BigDecimal billedCost, BigDecimal listCost,
                        long rows) {
    }

    /**
     * EffectiveCost (and billed, list) over the months [from, to], by one dimension and currency, largest first. A list
     * cost is null where no row of the slice carried ListCost.
     */
    @Transactional
    public List<Slice> breakdown(Caller caller, Dimension by, YearMonth from, YearMonth to) {
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
            String label = s.key() == null ? (by == Dimension.CATEGORY || by == Dimension.PROVIDER ? "(not in the files)" : "(unallocated)")
                    : by == Dimension.SERVICE ? names.getOrDefault(UUID.fromString(s.key()), s.key()) : s.key();
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
