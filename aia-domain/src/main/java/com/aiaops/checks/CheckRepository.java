package com.aiaops.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Checks and their results. */
@ApplicationScoped
public class CheckRepository {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    void add(Object entity) {
        em.persist(entity);
    }

    void remove(Check check) {
        em.createQuery("delete from CheckResult r where r.checkId = :id").setParameter("id", check.id()).executeUpdate();
        em.remove(check);
    }

    Optional<Check> find(UUID organizationId, UUID id) {
        return em.createQuery("select c from Check c where c.organizationId = :org and c.id = :id", Check.class)
                .setParameter("org", organizationId).setParameter("id", id).getResultStream().findFirst();
    }

    Optional<Check> find(UUID id) {
        return Optional.ofNullable(em.find(Check.class, id));
    }

    boolean nameTaken(UUID organizationId, String name) {
        return !em.createQuery("select c.id from Check c where c.organizationId = :org and c.name = :name", UUID.class)
                .setParameter("org", organizationId).setParameter("name", name).setMaxResults(1).getResultList().isEmpty();
    }

    List<Check> pageAfter(String afterName, int maxResults) {
        return com.aiaops.shared.Keyset.pageAfter(em, Check.class, "name", afterName, maxResults);
    }

    /** The checks of one service (all, when null), by name. */
    List<Check> ofService(UUID serviceId, int maxResults) {
        return com.aiaops.shared.Keyset.page(em, Check.class, "name", null, maxResults, false, serviceId == null ? java.util.Map.of()
                : java.util.Map.of("e.serviceId = :service", java.util.Map.<String, Object>of("service", serviceId)));
    }

    /** Checks whose next run is due, oldest first. */
    List<Due> due(Instant now, int max) {
        return em.createQuery("select new com.aiaops.checks.CheckRepository$Due(c.organizationId, c.id, c.nextRunAt, c.intervalSeconds) "
                        + "from Check c where c.enabled = true and c.nextRunAt <= :now order by c.nextRunAt", Due.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    /**
     * Claims a due run: moves its next run forward only if nobody else did. Exactly one node of the cluster
     * gets 1 back for a given due time; the others get 0 and leave the run alone.
     */
    int claim(UUID id, Instant dueAt, Instant next) {
        return em.createQuery("update Check c set c.nextRunAt = :next where c.id = :id and c.nextRunAt = :due")
                .setParameter("next", next).setParameter("id", id).setParameter("due", dueAt).executeUpdate();
    }

    List<CheckResult> results(UUID checkId, Instant from, Instant to, int max) {
        return em.createQuery("select r from CheckResult r where r.checkId = :id and r.runAt >= :from and r.runAt < :to "
                        + "order by r.runAt desc", CheckResult.class)
                .setParameter("id", checkId).setParameter("from", from).setParameter("to", to).setMaxResults(max).getResultList();
    }

    long[] upAndDown(UUID checkId, Instant from, Instant to) {
        Object[] row = em.createQuery("select sum(case when r.up = true then 1 else 0 end), "
                        + "sum(case when r.up = false then 1 else 0 end) from CheckResult r "
                        + "where r.checkId = :id and r.runAt >= :from and r.runAt < :to", Object[].class)
                .setParameter("id", checkId).setParameter("from", from).setParameter("to", to).getSingleResult();
        return new long[] {row[0] == null ? 0 : ((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue()};
    }

    /** Up and down runs of each of these checks over [from, to), in one query: {up, down} by check (absent: no runs). */
    java.util.Map<UUID, long[]> upAndDown(java.util.Collection<UUID> checkIds, Instant from, Instant to) {
        java.util.Map<UUID, long[]> counts = new java.util.HashMap<>();
        if (checkIds.isEmpty()) {
            return counts;
        }
        em.createQuery("select r.checkId, sum(case when r.up = true then 1 else 0 end), sum(case when r.up = false then 1 else 0 end) "
                        + "from CheckResult r where r.checkId in :ids and r.runAt >= :from and r.runAt < :to group by r.checkId", Object[].class)
                .setParameter("ids", checkIds).setParameter("from", from).setParameter("to", to).getResultList()
                .forEach(row -> counts.put((UUID) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()}));
        return counts;
    }

    /** What the scheduler needs to claim a run. */
    public Optional<Check> byHeartbeatDigest(String digest) {
        return em.createQuery("select c from Check c where c.heartbeatDigest = :digest", Check.class)
                .setParameter("digest", digest).getResultStream().findFirst();
    }

    public record Due(UUID organizationId, UUID id, Instant nextRunAt, int intervalSeconds) {
    }
}
