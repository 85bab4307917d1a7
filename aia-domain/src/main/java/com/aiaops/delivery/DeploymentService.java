package com.aiaops.delivery;

import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.incident.Incident;
import com.aiaops.shared.AccessDeniedException;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.Keyset;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.slo.SloService;
import com.aiaops.access.Caller;
import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Recording deployments, the release freeze of an exhausted error budget, and the DORA metrics. */
@ApplicationScoped
public class DeploymentService {
    static final Duration LONGEST_ATTRIBUTION = Duration.ofDays(7);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    SloService slos;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A deployment as reported by a pipeline. */
    public record Report(UUID serviceId, String version, String environment, List<Commit> commits, Instant startedAt,
                         Instant finishedAt, Deployment.Result result, UUID rollbackOf, ChangeKind changeKind,
                         String freezeOverrideReason) {
    }

    /**
     * Records a deployment. A production deployment of a service whose error budget is spent is refused (409) unless
     * it is a P0 or security fix, or an ADMIN gives an override reason; either way the exemption is audited.
     */
    @Transactional
    public Deployment record(Caller caller, Report r) {
        return record(caller, r, false);
    }

    /**
     * A deployment another tool reports after it happened (a GitHub or GitLab webhook): a freeze cannot stop what is
     * done, so it is recorded all the same and the audit trail says it went through a freeze.
     */
    @Transactional
    public Deployment recordReported(Caller caller, Report r) {
        return record(caller, r, true);
    }

    /** The last deployment of a service to an environment with this version, if any (a re-deployment of it is a rollback). */
    @Transactional
    public java.util.Optional<Deployment> latest(Caller caller, UUID serviceId, String environment) {
        return em.createQuery("select d from Deployment d where d.serviceId = :service and d.environment = :environment "
                        + "and d.result = :success order by d.finishedAt desc, d.id desc", Deployment.class)
                .setParameter("service", serviceId).setParameter("environment", environment)
                .setParameter("success", Deployment.Result.SUCCESS).setMaxResults(1).getResultStream().findFirst();
    }

    /** Whether this version of the service was deployed to the environment before. */
    @Transactional
    public boolean deployedBefore(Caller caller, UUID serviceId, String environment, String version) {
        return !em.createQuery("select d.id from Deployment d where d.serviceId = :service and d.environment = :environment "
                        + "and d.version = :version and d.result = :success", UUID.class)
                .setParameter("service", serviceId).setParameter("environment", environment).setParameter("version", version)
                .setParameter("success", Deployment.Result.SUCCESS).setMaxResults(1).getResultList().isEmpty();
    }

    private Deployment record(Caller caller, Report r, boolean reportedAfterTheFact) {
        if (services.find(caller.organizationId(), r.serviceId()).isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "serviceId", "no such service in this organisation");
        }
        if (r.finishedAt().isBefore(r.startedAt())) {
            throw InvalidRequestException.ofField("validation-failed", "finishedAt", "must not be before startedAt");
        }
        if (r.commits().stream().anyMatch(c -> c.committedAt().isAfter(r.finishedAt()))) {
            throw InvalidRequestException.ofField("validation-failed", "commits", "a commit cannot be newer than the deployment that shipped it");
        }
        if (r.rollbackOf() != null && find(caller, r.rollbackOf(), "rollbackOf").serviceId().equals(r.serviceId()) == false) {
            throw InvalidRequestException.ofField("validation-failed", "rollbackOf", "a rollback undoes a deployment of the same service");
        }
        if (r.freezeOverrideReason() != null && caller.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only an ADMIN may override a release freeze");
        }
        String exemption = null;
        if (Deployment.PRODUCTION.equals(r.environment())) {
            SloService.BudgetPolicy policy = slos.budgetPolicy(caller, r.serviceId());
            if (policy.releasesFrozen()) {
                if (r.changeKind().exemptFromFreeze()) {
                    exemption = r.changeKind().name();
                } else if (r.freezeOverrideReason() != null) {
                    exemption = "ADMIN override: " + r.freezeOverrideReason();
                } else if (reportedAfterTheFact) {
                    exemption = "reported after it happened, by an integration, while releases were frozen";
                } else {
                    throw new ConflictException("error-budget-exhausted", "Releases of this service are frozen: the error budget of "
                            + String.join(", ", policy.exhaustedSlos()) + " is spent. Only P0 fixes and security fixes deploy "
                            + "(changeKind), or an ADMIN overrides with a freezeOverrideReason.");
                }
            }
        }
        Deployment deployment = new Deployment(caller.organizationId(), r.serviceId(), r.version(), r.environment(), r.commits(),
                r.startedAt(), r.finishedAt(), r.result(), r.rollbackOf(), r.changeKind(),
                exemption != null && exemption.startsWith("ADMIN") ? r.freezeOverrideReason() : null, clock.instant());
        em.persist(deployment);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("serviceId", r.serviceId().toString());
        recorded.put("version", r.version());
        recorded.put("environment", r.environment());
        recorded.put("result", r.result().name());
        recorded.put("changeKind", r.changeKind().name());
        audit.record(caller, "deployment.recorded", "deployment", deployment.id(), null, recorded);
        if (exemption != null) {
            audit.record(caller, "deployment.freeze-exempted", "deployment", deployment.id(), null, Map.of("exemption", exemption));
        }
        return deployment;
    }

    @Transactional
    public Page<Deployment> list(Caller caller, PageRequest page) {
        UUID after = page.afterKey() == null ? null : com.aiaops.shared.Ids.parse(page.afterKey(), "cursor");
        return page.toPage(Keyset.page(em, Deployment.class, "id", after, page.limit() + 1, page.newestFirst()),
                d -> d.id().toString());
    }

    @Transactional
    public Deployment get(Caller caller, UUID id) {
        return find(caller, id, "id");
    }

    /** The DORA metrics of the organisation (or one service) over [from, to), with the levels of one band set. */
    @Transactional
    public Dora dora(Caller caller, UUID serviceId, Instant from, Instant to, Duration attributionWindow, String bandSetName) {
        if (serviceId != null && services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw new NotFoundException("service", serviceId);
        }
        if (!from.isBefore(to) || Duration.between(from, to).toDays() > 400) {
            throw InvalidRequestException.ofField("invalid-parameter", "to", "must be after from, at most 400 days later");
        }
        if (attributionWindow.isNegative() || attributionWindow.isZero() || attributionWindow.compareTo(LONGEST_ATTRIBUTION) > 0) {
            throw InvalidRequestException.ofField("invalid-parameter", "attributionWindow", "from 1 minute to 7 days");
        }
        DoraBands.BandSet bands = DoraBands.named(bandSetName).orElseThrow(() -> InvalidRequestException.ofField("invalid-parameter",
                "bands", "one of " + DoraBands.all().stream().map(DoraBands.BandSet::name).toList()));
        // Projections, not entities: loading a Deployment loads its commits too (one more query per deployment).
        List<DoraMetrics.Deploy> deploys = deploys(caller.organizationId(), Deployment.Result.SUCCESS, from.minus(attributionWindow), to, serviceId);
        List<DoraMetrics.Deploy> failedAttempts = deploys(caller.organizationId(), Deployment.Result.FAILURE, from, to, serviceId);
        List<DoraMetrics.IncidentFact> incidents = OrganizationScope.read(em, caller.organizationId(), "select i.id, i.serviceIds, i.triggeredAt, "
                        + "i.resolvedAt from Incident i where i.organizationId = :organization and i.triggeredAt >= :from and i.triggeredAt < :to",
                Object[].class, query -> query.setParameter("from", from).setParameter("to", to).getResultList()).stream()
                .map(row -> new DoraMetrics.IncidentFact((UUID) row[0], Incident.serviceIds((String) row[1]), (Instant) row[2], (Instant) row[3]))
                .filter(i -> serviceId == null || i.serviceIds().contains(serviceId)).toList();
        java.util.Set<UUID> rolledBackIds = new java.util.HashSet<>(OrganizationScope.read(em, caller.organizationId(), "select d.rollbackOf "
                        + "from Deployment d where d.organizationId = :organization and d.rollbackOf is not null and d.environment = :production "
                        + "and d.finishedAt >= :from", UUID.class,
                query -> query.setParameter("production", Deployment.PRODUCTION).setParameter("from", from).getResultList()));
        DoraMetrics.Result result = DoraMetrics.compute(from, to, deploys, incidents, attributionWindow, rolledBackIds, failedAttempts);
        long rolledBack = OrganizationScope.read(em, caller.organizationId(), "select count(d) from Deployment d "
                        + "where d.organizationId = :organization and d.rollbackOf is not null and d.finishedAt >= :from and d.finishedAt < :to"
                        + ofService(serviceId), Long.class,
                query -> forService(query.setParameter("from", from).setParameter("to", to), serviceId).getSingleResult());
        return new Dora(result, rolledBack, attributionWindow, bands.name(), bands.report(),
                result.deployments() == 0 ? null : bands.deploymentFrequency(result.deploymentDaysPerWeek()),
                result.medianLeadTime() == null ? null : bands.leadTime(result.medianLeadTime()),
                result.changeFailureRate() == null ? null : bands.changeFailureRate(result.changeFailureRate()),
                result.medianTimeToRestore() == null ? null : bands.timeToRestore(result.medianTimeToRestore()));
    }

    /** DORA over a window ending now, and the last instant at which the same figures still hold for the window ending then. */
    public record HeldDora(Dora dora, Instant holdsUntil) {
    }

    /**
     * The DORA of the organisation (or one service, {@code serviceId} not null) over the {@code window} ending {@code now},
     * and until when a window of that length ending later still gives the same figures: until a deployment or incident of
     * the organisation falls out of the window's start (or, for attribution, out of the attribution window before it), or
     * one dated after {@code now} comes into it — the organisation's, so for one service sooner than need be, never later.
     * A change of a deployment or an incident is not foreseen here; it renews their sets.
     */
    @Transactional
    public HeldDora doraOverLast(Caller caller, UUID serviceId, Duration window, Instant now, Duration attributionWindow, String bandSetName) {
        Instant from = now.minus(window);
        Dora dora = dora(caller, serviceId, from, now, attributionWindow, bandSetName);
        UUID organization = caller.organizationId();
        Instant holdsUntil = earliest(
                plus(firstAtOrAfter(organization, "Deployment", "finishedAt", from, null), window),
                plus(firstAtOrAfter(organization, "Deployment", "finishedAt", from.minus(attributionWindow), from), window.plus(attributionWindow)),
                firstAtOrAfter(organization, "Deployment", "finishedAt", now, null),
                plus(firstAtOrAfter(organization, "Incident", "triggeredAt", from, null), window),
                firstAtOrAfter(organization, "Incident", "triggeredAt", now, null));
        return new HeldDora(dora, holdsUntil);
    }

    /**
     * The earliest {@code time} of the organisation's {@code entity} at or after {@code from} (and before {@code before}
     * if given); a time after {@code now} counts too: it comes into the window later. Null for none.
     */
    private Instant firstAtOrAfter(UUID organizationId, String entity, String time, Instant from, Instant before) {
        String at = "e." + time;
        return OrganizationScope.read(em, organizationId, "select min(" + at + ") from " + entity + " e where e.organizationId = :organization and "
                + at + " >= :from" + (before == null ? "" : " and " + at + " < :before"), Instant.class, query -> {
            query.setParameter("from", from);
            if (before != null) {
                query.setParameter("before", before);
            }
            return query.getSingleResult();
        });
    }

    private static Instant plus(Instant at, Duration later) {
        if (at == null) {
            return null;
        }
        return Instant.MAX.minus(later).isBefore(at) ? Instant.MAX : at.plus(later);
    }

    private static Instant earliest(Instant... instants) {
        Instant earliest = Instant.MAX;
        for (Instant at : instants) {
            earliest = at != null && at.isBefore(earliest) ? at : earliest;
        }
        return earliest;
    }

    /** Production deployments with one result finished in [from, to), of the organisation or one service, as the facts DORA counts. */
    private List<DoraMetrics.Deploy> deploys(UUID organizationId, Deployment.Result result, Instant from, Instant to, UUID serviceId) {
        return OrganizationScope.read(em, organizationId, "select d.id, d.serviceId, d.firstCommitAt, d.finishedAt from Deployment d "
                + "where d.organizationId = :organization and d.environment = :production and d.result = :result and d.finishedAt >= :from "
                + "and d.finishedAt < :to" + ofService(serviceId), Object[].class,
                query -> forService(query.setParameter("production", Deployment.PRODUCTION).setParameter("result", result)
                        .setParameter("from", from).setParameter("to", to), serviceId).getResultList())
                .stream().map(row -> new DoraMetrics.Deploy((UUID) row[0], (UUID) row[1], (Instant) row[2], (Instant) row[3])).toList();
    }

    /** The condition that narrows a deployment query to one service, or none for the organisation; bound by {@link #forService}. */
    private static String ofService(UUID serviceId) {
        return serviceId == null ? "" : " and d.serviceId = :service";
    }

    private static <T> TypedQuery<T> forService(TypedQuery<T> query, UUID serviceId) {
        return serviceId == null ? query : query.setParameter("service", serviceId);
    }

    /** The metrics, the rollbacks in the window, and the level of each metric (null: nothing to judge). */
    public record Dora(DoraMetrics.Result metrics, long rollbacks, Duration attributionWindow, String bandSet, String bandReport,
                       DoraBands.Level deploymentFrequencyLevel, DoraBands.Level leadTimeLevel, DoraBands.Level changeFailureRateLevel,
                       DoraBands.Level timeToRestoreLevel) {
        /** The same figures said of another window of the same length (one they hold for: {@link HeldDora#holdsUntil}). */
        public Dora over(Instant from, Instant to) {
            return new Dora(metrics.over(from, to), rollbacks, attributionWindow, bandSet, bandReport, deploymentFrequencyLevel,
                    leadTimeLevel, changeFailureRateLevel, timeToRestoreLevel);
        }
    }

    private Deployment find(Caller caller, UUID id, String field) {
        return em.createQuery("select d from Deployment d where d.id = :id", Deployment.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> "id".equals(field) ? new NotFoundException("deployment", id)
                        : InvalidRequestException.ofField("validation-failed", field, "no such deployment in this organisation"));
    }
}
