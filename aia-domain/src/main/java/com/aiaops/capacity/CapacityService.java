package com.aiaops.capacity;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.telemetry.TelemetryQuery;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Utilisation ingestion, capacity plans, and the capacity report of a service. */
@ApplicationScoped
public class CapacityService {
    static final int MAX_SAMPLES = 10_000;
    static final Duration MAX_AGE = Duration.ofDays(7);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    TelemetryQuery telemetry;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** One minute of a service's utilisation as an agent reports it. */
    public record Sample(String service, Instant minute, double cpuPercent, double memoryPercent, int instances) {
    }

    public record Receipt(int accepted, int replaced) {
    }

    /**
     * Stores per-minute utilisation: all of the batch or, if any sample is wrong, none of it. A minute sent again
     * replaces the earlier value, so a retried batch does no harm.
     */
    @Transactional
    public Receipt ingest(Caller caller, List<Sample> samples) {
        if (samples.isEmpty() || samples.size() > MAX_SAMPLES) {
            throw InvalidRequestException.ofField("validation-failed", "samples", "from 1 to " + MAX_SAMPLES + " samples");
        }
        Instant now = clock.instant();
        Map<String, UUID> bySlug = new HashMap<>();
        services.all(caller.organizationId()).forEach(s -> bySlug.put(s.slug(), s.id()));
        List<InvalidRequestException.Violation> problems = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            String at = "samples[" + i + "]";
            if (!bySlug.containsKey(s.service())) {
                problems.add(new InvalidRequestException.Violation(at + ".service", "no service '" + s.service() + "' in this organisation"));
            }
            if (s.minute().isAfter(now.plus(Duration.ofMinutes(5))) || s.minute().isBefore(now.minus(MAX_AGE))) {
                problems.add(new InvalidRequestException.Violation(at + ".minute", "must be within the last 7 days and not in the future"));
            }
            if (!(s.cpuPercent() >= 0 && s.cpuPercent() <= 100) || !(s.memoryPercent() >= 0 && s.memoryPercent() <= 100)) {
                problems.add(new InvalidRequestException.Violation(at, "cpuPercent and memoryPercent are from 0 to 100"));
            }
            if (s.instances() < 0) {
                problems.add(new InvalidRequestException.Violation(at + ".instances", "must not be negative"));
            }
            if (problems.size() >= 100) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid-samples", problems.size() + " sample(s) are invalid; nothing was stored", problems);
        }
        Map<String, Sample> latest = new LinkedHashMap<>();
        for (Sample s : samples) {
            latest.put(s.service() + "|" + s.minute().truncatedTo(ChronoUnit.MINUTES), s); // the last of a minute wins
        }
        Instant from = latest.values().stream().map(s -> s.minute().truncatedTo(ChronoUnit.MINUTES)).min(Instant::compareTo).orElseThrow();
        Instant to = latest.values().stream().map(s -> s.minute().truncatedTo(ChronoUnit.MINUTES)).max(Instant::compareTo).orElseThrow();
        Map<String, UtilizationSample> existing = new HashMap<>();
        em.createQuery("select u from UtilizationSample u where u.minute >= :from and u.minute <= :to",
                        UtilizationSample.class).setParameter("from", from).setParameter("to", to)
                .getResultList().forEach(u -> existing.put(u.serviceId() + "|" + u.minute(), u));
        int replaced = 0;
        for (Sample s : latest.values()) {
            UUID serviceId = bySlug.get(s.service());
            Instant minute = s.minute().truncatedTo(ChronoUnit.MINUTES);
            UtilizationSample row = existing.get(serviceId + "|" + minute);
            if (row == null) {
                em.persist(new UtilizationSample(caller.organizationId(), serviceId, minute, s.cpuPercent(), s.memoryPercent(), s.instances()));
            } else {
                row.update(s.cpuPercent(), s.memoryPercent(), s.instances());
                replaced++;
            }
        }
        return new Receipt(latest.size(), replaced);
    }

    @Transactional
    public CapacityPlan plan(Caller caller, UUID serviceId) {
        requireService(caller, serviceId);
        return plan(caller.organizationId(), serviceId);
    }

    @Transactional
    public CapacityPlan setPlan(Caller caller, UUID serviceId, Double capacityRps, ScalingTriggers triggers) {
        requireService(caller, serviceId);
        if (capacityRps != null && !(capacityRps > 0)) {
            throw InvalidRequestException.ofField("validation-failed", "capacityRps", "must be positive");
        }
        CapacityPlan plan = em.find(CapacityPlan.class, serviceId);
        if (plan == null) {
            plan = new CapacityPlan(caller.organizationId(), serviceId, capacityRps, triggers);
            em.persist(plan);
        } else {
            plan.set(capacityRps, triggers);
        }
        audit.record(caller, "capacity.plan-changed", "service", serviceId, null,
                Map.of("capacityRps", capacityRps == null ? "none" : capacityRps.toString(), "triggers", triggers.toString()));
        return plan;
    }

    /** The capacity report: utilisation of the last 15 minutes, the scaling decision and why, and the growth projection. */
    public record Report(UUID serviceId, Instant evaluatedAt, Double cpuPercent, Double memoryPercent, Integer instances,
                         ScalingTriggers triggers, ScalingTriggers.Verdict scaling, GrowthProjection growth) {
    }

    @Transactional
    public Report report(Caller caller, UUID serviceId, int days) {
        Service service = requireService(caller, serviceId);
        if (days < 2 || days > 90) {
            throw InvalidRequestException.ofField("invalid-parameter", "days", "from 2 to 90");
        }
        Instant now = clock.instant();
        CapacityPlan plan = plan(caller.organizationId(), serviceId);
        ScalingTriggers triggers = plan.triggers();
        int longest = Math.max(triggers.upMinutes(), triggers.downMinutes());
        TreeMap<Instant, ScalingTriggers.Minute> minutes = new TreeMap<>();
        em.createQuery("select u from UtilizationSample u where u.serviceId = :service and u.minute >= :from order by u.minute",
                        UtilizationSample.class).setParameter("service", serviceId)
                .setParameter("from", now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(longest)))
                .getResultList().forEach(u -> minutes.put(u.minute(), new ScalingTriggers.Minute(u.cpuPercent(), u.memoryPercent(), u.instances())));
        var recent = minutes.tailMap(now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(15)), true).values();
        Double cpu = recent.isEmpty() ? null : recent.stream().mapToDouble(ScalingTriggers.Minute::cpu).average().orElseThrow();
        Double memory = recent.isEmpty() ? null : recent.stream().mapToDouble(ScalingTriggers.Minute::memory).average().orElseThrow();
        Integer instances = minutes.isEmpty() ? null : minutes.lastEntry().getValue().instances();
        return new Report(service.id(), now, cpu, memory, instances, triggers, triggers.evaluate(minutes, now),
                GrowthProjection.fit(telemetry.dailyPeakRps(serviceId, now, days), plan.capacityRps()));
    }

    private CapacityPlan plan(UUID organizationId, UUID serviceId) {
        CapacityPlan plan = em.find(CapacityPlan.class, serviceId);
        return plan == null ? CapacityPlan.defaults(organizationId, serviceId) : plan;
    }

    private Service requireService(Caller caller, UUID serviceId) {
        return services.find(caller.organizationId(), serviceId).orElseThrow(() -> new NotFoundException("service", serviceId));
    }
}
