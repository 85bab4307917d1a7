package com.aiaops.telemetry;

import com.aiaops.shared.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies aggregated batches of one organisation in one transaction: each batch's record and every roll-up they
 * touch, or nothing. A group's batches lock and update a bucket they share once, in one statement each.
 */
@ApplicationScoped
public class RollupWriter {
    @Inject
    RollupRepository repository;

    /** One batch, aggregated; {@code idempotencyKey} null when the sender gave none. */
    record Batch(String idempotencyKey, String bodyDigest, int items, SortedMap<RollupKey, BucketAggregate> buckets, Instant now) {
    }

    /** A batch's receipt, or why it is refused on its own (its key was used for other data) while the others go on. */
    record Outcome(IngestReceipt receipt, RuntimeException refusal) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public IngestReceipt apply(UUID organizationId, String idempotencyKey, String bodyDigest, int observations,
                               SortedMap<RollupKey, BucketAggregate> buckets, Instant now, Runnable alsoInTransaction) {
        Outcome outcome = write(organizationId, List.of(new Batch(idempotencyKey, bodyDigest, observations, buckets, now))).get(0);
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        if (alsoInTransaction != null) {
            alsoInTransaction.run();
        }
        return outcome.receipt();
    }

    /** Several batches in one transaction; the outcomes in the batches' order. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> applyAll(UUID organizationId, List<Batch> batches) {
        return write(organizationId, batches);
    }

    private List<Outcome> write(UUID organizationId, List<Batch> batches) {
        // Keys used before: recorded in the database (one query for the group), or earlier in this group.
        Map<String, Recorded> byKey = new HashMap<>();
        repository.batches(organizationId, batches.stream().map(Batch::idempotencyKey).filter(Objects::nonNull).distinct().toList())
                .forEach((key, earlier) -> byKey.put(key, new Recorded(earlier.bodyDigest(),
                        new IngestReceipt(earlier.id(), earlier.observations(), true, earlier.receivedAt()))));
        List<Outcome> outcomes = new ArrayList<>(batches.size());
        List<Batch> applied = new ArrayList<>(batches.size());
        List<IngestBatch> recorded = new ArrayList<>(batches.size());
        for (Batch batch : batches) {
            Recorded earlier = batch.idempotencyKey() == null ? null : byKey.get(batch.idempotencyKey());
            if (earlier != null) {
                outcomes.add(earlier.bodyDigest().equals(batch.bodyDigest()) ? new Outcome(earlier.duplicate(), null)
                        : new Outcome(null, new ConflictException("idempotency-key-reused",
                                "This Idempotency-Key was used for a different batch; use a new key for new data")));
                continue;
            }
            IngestBatch record = new IngestBatch(organizationId, batch.idempotencyKey() == null ? "auto:" + UUID.randomUUID()
                    : batch.idempotencyKey(), batch.bodyDigest(), batch.items(), batch.now());
            recorded.add(record);
            IngestReceipt receipt = new IngestReceipt(record.id(), batch.items(), false, batch.now());
            if (batch.idempotencyKey() != null) {
                byKey.put(batch.idempotencyKey(), new Recorded(batch.bodyDigest(),
                        new IngestReceipt(receipt.batchId(), receipt.accepted(), true, receipt.receivedAt())));
            }
            applied.add(batch);
            outcomes.add(new Outcome(receipt, null));
        }
        if (applied.isEmpty()) {
            return outcomes;
        }
        repository.recordAll(recorded); // a concurrent twin of one of these batches fails here, before any roll-up is touched
        // Each bucket's shares from all the group's batches, added to its row at once (its sketch decoded and encoded once).
        TreeMap<RollupKey, List<BucketAggregate>> touched = new TreeMap<>();
        applied.forEach(batch -> batch.buckets().forEach((key, share) -> touched.computeIfAbsent(key, k -> new ArrayList<>(applied.size())).add(share)));
        Map<RollupKey, Rollup> rows = repository.lockExisting(organizationId, touched.navigableKeySet());
        List<Rollup> created = new ArrayList<>();
        List<Rollup> changed = new ArrayList<>(rows.size());
        touched.forEach((key, shares) -> {
            Rollup row = rows.get(key);
            if (row == null) {
                row = new Rollup(key, organizationId);
                created.add(row);
            } else {
                changed.add(row);
            }
            row.add(shares);
        });
        // Both go out now, inside the transaction: a concurrent twin's insert fails here, where the ingest's retry sees it.
        repository.insertAll(created);
        repository.updateAll(changed);
        return outcomes;
    }

    /** A batch recorded under a key: its body's digest, and the receipt a repeat of it is answered with. */
    private record Recorded(String bodyDigest, IngestReceipt duplicate) {
    }
}
