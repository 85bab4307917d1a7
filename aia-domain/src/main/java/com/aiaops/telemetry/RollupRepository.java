package com.aiaops.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Roll-up rows and applied batches. */
@ApplicationScoped
public class RollupRepository {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    /** The bucket's row, locked for this transaction; created (and locked) when it does not exist yet. */
    Rollup lockOrCreate(RollupKey key, UUID organizationId) {
        Rollup rollup = em.find(Rollup.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (rollup == null) {
            rollup = new Rollup(key, organizationId);
            em.persist(rollup);
            // Insert now: a concurrent batch creating the same bucket makes this fail here, with its SQL cause
            // intact, so the ingest can retry; its retry then finds the row and locks it.
            em.flush();
        }
        return rollup;
    }

    List<Rollup> range(UUID serviceId, TimeRanges.Piece piece) {
        return em.createQuery("select r from Rollup r where r.key.serviceId = :service and r.key.resolution = :resolution "
                        + "and r.key.bucketStart >= :from and r.key.bucketStart < :to order by r.key.bucketStart", Rollup.class)
                .setParameter("service", serviceId)
                .setParameter("resolution", piece.resolution())
                .setParameter("from", piece.from())
                .setParameter("to", piece.to())
                .getResultStream().map(Rollup::requireSound).toList();
    }

    /** Drops a service's roll-ups of every resolution whose buckets start in [from, to); how many rows went. */
    int deleteRange(UUID serviceId, java.time.Instant from, java.time.Instant to) {
        return em.createQuery("delete from Rollup r where r.key.serviceId = :service and r.key.bucketStart >= :from "
                        + "and r.key.bucketStart < :to")
                .setParameter("service", serviceId).setParameter("from", from).setParameter("to", to).executeUpdate();
    }

    Optional<IngestBatch> batch(UUID organizationId, String idempotencyKey) {
        return em.createQuery("select b from IngestBatch b where b.organizationId = :org and b.idempotencyKey = :key",
                        IngestBatch.class)
                .setParameter("org", organizationId).setParameter("key", idempotencyKey)
                .getResultStream().findFirst();
    }

    void add(IngestBatch batch) {
        em.persist(batch);
        em.flush(); // a concurrent twin of this batch fails here, before any roll-up is touched
    }

    int deleteBatchesReceivedBefore(java.time.Instant cutoff) {
        return em.createNamedQuery("IngestBatch.deleteReceivedBefore").setParameter("cutoff", cutoff).executeUpdate();
    }

    int deleteMinutesBefore(java.time.Instant cutoff) {
        return em.createNamedQuery("Rollup.deleteMinutesBefore")
                .setParameter("minute", Resolution.MINUTE).setParameter("cutoff", cutoff).executeUpdate();
    }
}
