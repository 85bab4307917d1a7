package com.aiaops.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Group commit of one organisation's batches on this node. While one of its batches is being written, the batches that
 * arrive wait; the next of them to get its turn writes all that are waiting in one transaction. Concurrent batches
 * into one service otherwise queued on its bucket rows' locks, each paying for the lock, the update and a commit of its
 * own; together they pay once. A batch is still acknowledged only after the commit that holds it.
 * When a group's transaction fails (a twin on another node created a bucket first, a bucket would overflow) none of it
 * is written, and each of its batches is written alone, as without groups, so a batch's failure stays its own.
 */
@ApplicationScoped
public class IngestGroups {
    private static final Logger LOG = Logger.getLogger(IngestGroups.class);

    /** Batches written together at most (a request's batch holds up to 10,000 items). */
    static final int MAX_GROUP = 32;

    @Inject
    RollupWriter writer;

    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder batchesWritten = new LongAdder();
    private final LongAdder transactionsFailed = new LongAdder();

    /**
     * Since start on this node: group transactions committed, the batches they held (over the transactions, the mean
     * group size), and group transactions that failed (their batches then written alone).
     */
    public record Counts(long transactions, long batches, long failed) {
    }

    private static final class Lane {
        final ReentrantLock turn = new ReentrantLock();
        final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    }

    /** A batch in a lane; its fields are written and read holding the lane's turn. */
    private static final class Waiting {
        final RollupWriter.Batch batch;
        RollupWriter.Outcome outcome;
        boolean settled;

        Waiting(RollupWriter.Batch batch) {
            this.batch = batch;
        }
    }

    /**
     * Writes the batch with those of its organisation waiting beside it: its receipt, or empty when their transaction
     * failed and the batch is to be written alone. A refusal of this batch alone (its key reused) is thrown.
     */
    public Optional<IngestReceipt> write(UUID organizationId, RollupWriter.Batch batch) {
        Lane lane = lanes.computeIfAbsent(organizationId, id -> new Lane());
        Waiting mine = new Waiting(batch);
        lane.queue.add(mine);
        lane.turn.lock();
        try {
            // Whoever held the turn before may have written this batch with its own; if not, this thread writes what waits.
            while (!mine.settled) {
                List<Waiting> group = new ArrayList<>();
                for (Waiting next; group.size() < MAX_GROUP && (next = lane.queue.poll()) != null; ) {
                    group.add(next);
                }
                writeTogether(organizationId, group);
            }
        } finally {
            lane.turn.unlock();
        }
        if (mine.outcome == null) {
            return Optional.empty();
        }
        if (mine.outcome.refusal() != null) {
            throw mine.outcome.refusal();
        }
        return Optional.of(mine.outcome.receipt());
    }

    public Counts counts() {
        return new Counts(transactions.sum(), batchesWritten.sum(), transactionsFailed.sum());
    }

    /** Batches of the organisation waiting for their turn on this node. */
    int waiting(UUID organizationId) {
        Lane lane = lanes.get(organizationId);
        return lane == null ? 0 : lane.queue.size();
    }

    private void writeTogether(UUID organizationId, List<Waiting> group) {
        try {
            List<RollupWriter.Outcome> outcomes = writer.applyAll(organizationId, group.stream().map(w -> w.batch).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome = outcomes.get(i);
            }
            transactions.increment();
            batchesWritten.add(group.size());
        } catch (RuntimeException e) {
            transactionsFailed.increment();
            // Nothing of the group was written: each batch goes alone (outcome left null), where its own error surfaces.
            LOG.debugf(e, "A group of %d batches of %s was not written together; each is written alone", group.size(), organizationId);
        } finally {
            group.forEach(w -> w.settled = true);
        }
    }
}
