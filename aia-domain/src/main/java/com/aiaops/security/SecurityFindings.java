package com.aiaops.security;

import com.aiaops.access.OrganizationScope;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.JsonValues;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Sha256;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Importing scan reports into findings, the fix SLAs, and the views of open, overdue and compliant findings. */
@ApplicationScoped
public class SecurityFindings {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public record ImportResult(UUID importId, String digest, boolean duplicate, int vulnerabilities, int newlyOpen, int newlyFixed,
                               Map<FindingSeverity, Long> openBySeverity) {
    }

    /**
     * A report is the service's whole current state: what it lists is open (new findings get their fix-by date),
     * what it no longer lists is fixed. The same report sent again right after itself changes nothing.
     */
    @Transactional
    public ImportResult importReport(Caller caller, UUID serviceId, byte[] body) {
        var service = services.find(caller.organizationId(), serviceId).orElseThrow(() -> new NotFoundException("service", serviceId));
        em.lock(service, LockModeType.PESSIMISTIC_WRITE); // one import per service at a time
        JsonObject report;
        try (JsonReader reader = JsonValues.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw InvalidRequestException.ofField("invalid-report", "$", "a scanner report is a JSON object");
            }
            report = value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidRequestException("malformed-json", "The report is not valid JSON: " + e.getMessage());
        }
        ScanReport.Parsed parsed = ScanReport.parse(report);
        List<ScanReport.Vulnerability> listed = parsed.vulnerabilities();
        String digest = java.util.HexFormat.of().formatHex(Sha256.digest(body));
        ScanImport last = em.createQuery("select s from ScanImport s where s.serviceId = :service order by s.importedAt desc", ScanImport.class)
                .setParameter("service", serviceId).setMaxResults(1).getResultStream().findFirst().orElse(null);
        if (last != null && last.digest().equals(digest)) {
            return new ImportResult(last.id(), digest, true, last.vulnerabilities(), 0, 0, openBySeverity(caller.organizationId(), serviceId));
        }
        if (listed.isEmpty() && last != null && last.artifactName() != null && !last.artifactName().equals(parsed.artifactName())) {
            // A clean report of something else says nothing about what the service's last report found.
            throw new ConflictException("other-artifact", "This report lists no vulnerabilities for " + parsed.artifactName()
                    + ", but the service's findings come from " + last.artifactName() + "; nothing was changed. Send a report of "
                    + last.artifactName() + " (or of the artifact that replaced it, listing what it has)");
        }
        Instant now = clock.instant();
        FixSlaPolicy sla = policy(caller.organizationId());
        Map<String, Finding> known = new HashMap<>();
        em.createQuery("select f from Finding f where f.serviceId = :service", Finding.class).setParameter("service", serviceId)
                .getResultList().forEach(f -> known.put(f.target() + "|" + f.vulnerabilityId() + "|" + f.packageName(), f));
        int opened = 0;
        for (ScanReport.Vulnerability v : listed) {
            Finding finding = known.remove(v.key());
            if (finding == null) {
                em.persist(new Finding(caller.organizationId(), serviceId, v, now, now.plus(sla.fixWithin(v.severity()))));
                opened++;
            } else {
                if (!finding.open()) {
                    opened++;
                }
                finding.seen(v, now);
            }
        }
        int fixed = 0;
        for (Finding gone : known.values()) {
            if (gone.open()) {
                gone.fixed(now);
                fixed++;
            }
        }
        ScanImport record = new ScanImport(caller.organizationId(), serviceId, parsed.artifactName(), digest, now, listed.size(), opened, fixed);
        em.persist(record);
        em.flush();
        audit.record(caller, "vulnerability-report.imported", "service", serviceId, null,
                Map.of("digest", digest, "vulnerabilities", listed.size(), "newlyOpen", opened, "newlyFixed", fixed));
        return new ImportResult(record.id(), digest, false, listed.size(), opened, fixed, openBySeverity(caller.organizationId(), serviceId));
    }

    @Transactional
    /** Which findings a list holds. */
    public enum Listed { OPEN, ALL, OVERDUE }

    /**
     * At most {@code max} findings, soonest due first, read at {@code now}, and the last instant at which the list still
     * answers so: when a listed open finding turns overdue, or (overdue ones listed) when the next open one joins them.
     */
    public record Listing(List<Finding> findings, Instant now, Instant holdsUntil) {
    }

    public Listing findings(Caller caller, UUID serviceId, FindingSeverity severity, Listed listed, int max) {
        Instant now = clock.instant();
        List<String> conditions = new java.util.ArrayList<>();
        if (serviceId != null) {
            conditions.add("f.serviceId = :service");
        }
        if (severity != null) {
            conditions.add("f.severity = :severity");
        }
        if (listed != Listed.ALL) {
            conditions.add("f.fixedAt is null");
        }
        StringBuilder jpql = new StringBuilder("select f from Finding f");
        if (!conditions.isEmpty()) {
            jpql.append(" where ").append(String.join(" and ", conditions));
        }
        var query = em.createQuery(jpql.append(" order by f.dueAt, f.id").toString(), Finding.class);
        if (serviceId != null) {
            query.setParameter("service", serviceId);
        }
        if (severity != null) {
            query.setParameter("severity", severity);
        }
        // Open findings in due order are the overdue ones first; the one after them is the next to turn overdue.
        List<Finding> read = query.setMaxResults(listed == Listed.OVERDUE ? max + 1 : max).getResultList();
        List<Finding> findings = listed == Listed.OVERDUE
                ? read.stream().takeWhile(f -> f.overdue(now)).limit(max).toList() : read;
        Instant holdsUntil = listed == Listed.OVERDUE
                ? (findings.size() < max && findings.size() < read.size() ? read.get(findings.size()).dueAt() : Instant.MAX)
                : findings.stream().map(f -> f.overdueHoldsUntil(now)).min(Instant::compareTo).orElse(Instant.MAX);
        return new Listing(findings, now, holdsUntil);
    }

    /**
     * Open findings by severity, overdue ones, and patch compliance: of the findings whose fix-by date has come (or
     * that were fixed), the share fixed by that date. Null when nothing is due yet.
     */
    public record Summary(UUID serviceId, Map<FindingSeverity, Long> openBySeverity, long open, long overdue, long fixedInTime,
                          long fixedLate, Double patchCompliance, Instant evaluatedAt) {
    }

    /** A summary and the last instant at which it still holds: when the next open finding turns overdue. */
    public record HeldSummary(Summary summary, Instant holdsUntil) {
    }

    @Transactional
    public HeldSummary summary(Caller caller, UUID serviceId) {
        if (serviceId != null && services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw new NotFoundException("service", serviceId);
        }
        Instant now = clock.instant();
        Map<FindingSeverity, Long> open = new EnumMap<>(FindingSeverity.class);
        for (FindingSeverity s : FindingSeverity.values()) {
            open.put(s, 0L);
        }
        long overdue = 0;
        long inTime = 0;
        long late = 0;
        Instant holdsUntil = Instant.MAX;
        List<Finding> findings = OrganizationScope.read(em, caller.organizationId(), "select f from Finding f where f.organizationId = :organization"
                + (serviceId == null ? "" : " and f.serviceId = :service"), Finding.class, query -> {
            if (serviceId != null) {
                query.setParameter("service", serviceId);
            }
            return query.getResultList();
        });
        for (Finding f : findings) {
            if (f.open()) {
                open.merge(f.severity(), 1L, Long::sum);
                if (f.overdue(now)) {
                    overdue++;
                }
                Instant holds = f.overdueHoldsUntil(now);
                holdsUntil = holds.isBefore(holdsUntil) ? holds : holdsUntil;
            } else if (f.fixedAt().isAfter(f.dueAt())) {
                late++;
            } else {
                inTime++;
            }
        }
        long judged = inTime + late + overdue;
        long openTotal = open.values().stream().mapToLong(Long::longValue).sum();
        return new HeldSummary(new Summary(serviceId, open, openTotal, overdue, inTime, late, judged == 0 ? null : inTime / (double) judged, now),
                holdsUntil);
    }

    /**
     * Critical findings open at {@code at} (seen before it, not fixed by then) of the organisation or one service;
     * null when no report had been imported by then (nothing to judge, rather than a clean bill).
     */
    @Transactional
    public Long openCriticalAt(UUID organizationId, UUID serviceId, Instant at) {
        String service = serviceId == null ? "" : " and s.serviceId = :service";
        Function<TypedQuery<Long>, Long> count = query -> {
            query.setParameter("at", at);
            if (serviceId != null) {
                query.setParameter("service", serviceId);
            }
            return query.getSingleResult();
        };
        if (OrganizationScope.read(em, organizationId, "select count(s) from ScanImport s where s.organizationId = :organization "
                + "and s.importedAt < :at" + service, Long.class, count) == 0) {
            return null;
        }
        return OrganizationScope.read(em, organizationId, "select count(s) from Finding s where s.organizationId = :organization "
                + "and s.severity = com.aiaops.security.FindingSeverity.CRITICAL and s.firstSeenAt < :at and (s.fixedAt is null or s.fixedAt > :at)"
                + service, Long.class, count);
    }

    @Transactional
    public FixSlaPolicy policy(Caller caller) {
        return policy(caller.organizationId());
    }

    /** Changes the fix SLAs; findings already open keep the fix-by date they were given. */
    @Transactional
    public FixSlaPolicy setPolicy(Caller caller, Duration critical, Duration high, Duration medium, Duration low) {
        for (Duration d : List.of(critical, high, medium, low)) {
            if (d.isNegative() || d.isZero() || d.toDays() > 365) {
                throw InvalidRequestException.ofField("validation-failed", "fixWithin", "each fix time is from a minute to a year");
            }
        }
        FixSlaPolicy policy = em.find(FixSlaPolicy.class, caller.organizationId());
        if (policy == null) {
            policy = new FixSlaPolicy(caller.organizationId(), critical, high, medium, low);
            em.persist(policy);
        } else {
            policy.set(critical, high, medium, low);
        }
        audit.record(caller, "fix-sla.changed", "organization", caller.organizationId(), null, Map.of("critical", critical.toString(),
                "high", high.toString(), "medium", medium.toString(), "low", low.toString()));
        return policy;
    }

    private FixSlaPolicy policy(UUID organizationId) {
        FixSlaPolicy policy = em.find(FixSlaPolicy.class, organizationId);
        return policy == null ? FixSlaPolicy.defaults(organizationId) : policy;
    }

    private Map<FindingSeverity, Long> openBySeverity(UUID organizationId, UUID serviceId) {
        Map<FindingSeverity, Long> open = new EnumMap<>(FindingSeverity.class);
        for (FindingSeverity s : FindingSeverity.values()) {
            open.put(s, 0L);
        }
        for (Object[] row : em.createQuery("select f.severity, count(f) from Finding f where f.organizationId = :org and f.serviceId = :service "
                        + "and f.fixedAt is null group by f.severity", Object[].class)
                .setParameter("org", organizationId).setParameter("service", serviceId).getResultList()) {
            open.put((FindingSeverity) row[0], (Long) row[1]);
        }
        return open;
    }
}
