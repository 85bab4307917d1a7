package com.aiaops.telemetry;

import com.aiaops.shared.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/** Applies one aggregated batch in one transaction: the batch record and every roll-up it touches, or nothing. */
@ApplicationScoped
public class RollupWriter {
    @Inject
    RollupRepository repository;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public IngestReceipt apply(UUID organizationId, String idempotencyKey, String bodyDigest, int observations,
                               SortedMap<RollupKey, BucketAggregate> buckets, Instant now, Runnable alsoInTransaction) {
        if (idempotencyKey != null) {
            Optional<IngestBatch> earlier = repository.batch(organizationId, idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().bodyDigest().equals(bodyDigest)) {
                    throw new ConflictException("idempotency-key-reused",
                            "This Idempotency-Key was used for a different batch; use a new key for new data");
                }
                return new IngestReceipt(earlier.get().id(), earlier.get().observations(), true, earlier.get().receivedAt());
            }
        }
        IngestBatch batch = new IngestBatch(organizationId, idempotencyKey == null ? "auto:" + UUID.randomUUID() : idempotencyKey,
                bodyDigest, observations, now);
        repository.add(batch);
        Map<RollupKey, Rollup> existing = repository.lockExisting(buckets);
        List<Rollup> created = new ArrayList<>();
        for (Map.Entry<RollupKey, BucketAggregate> bucket : buckets.entrySet()) {
            Rollup row = existing.get(bucket.getKey());
            if (row == null) {
                row = new Rollup(bucket.getKey(), organizationId);
                created.add(row);
            }
            row.add(bucket.getValue());
        }
        repository.insertAll(created);
        // New rows went out in insertAll (a concurrent twin's fails there); the existing rows' updates go out here, so a
        // failure of theirs also surfaces inside apply, where the ingest's retry sees it.
        repository.flush();
        if (alsoInTransaction != null) {
            alsoInTransaction.run();
        }
        return new IngestReceipt(batch.id(), observations, false, now);
    }
}
