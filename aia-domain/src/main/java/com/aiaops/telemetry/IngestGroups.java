package com.aiaops.telemetry;

import com.aiaops.shared.BusyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Group commit of one organisation's batches on this node. While one of its batches is being written, the batches that
 * arrive wait; the next of them to get its turn writes all that are waiting in one transaction. Concurrent batches
 * into one service otherwise queued on its bucket rows' locks, each paying for the lock, the update and a commit of its
 * own; together they pay once. A batch is still acknowledged only after the commit that holds it.
 * When a group's transaction fails (a twin on another node created a bucket first, a bucket would overflow) none of it
 * is written, and each of its batches is written alone, as without groups, so a batch's failure stays its own.
 * <p>
 * A waiting batch holds a request thread. When an organisation sends faster than its lane writes, the waiting batches
 * took every request thread of the node and every other request queued behind them (measured: offered 700 mixed
 * requests a second, the node answered 250, all 32 request threads parked here). So at most
 * {@code aia.telemetry.ingest.max-waiting} batches of an organisation wait on a node; one more is refused at once with
 * a 503 and Retry-After, not applied, and the node keeps answering everything else.
 */
@ApplicationScoped
public class IngestGroups {
    private static final Logger LOG = Logger.getLogger(IngestGroups.class);

    /** Batches written together at most (a request's batch holds up to 10,000 items). */
    static final int MAX_GROUP = 32;

    /** Seconds a refused batch is told to wait: about the time a lane takes to write what waits. */
    static final int RETRY_AFTER_SECONDS = 1;

    @Inject
    RollupWriter writer;

    /** Batches of one organisation waiting on this node at most; half the node's request threads by default. */
    @Inject
    @ConfigProperty(name = "aia.telemetry.ingest.max-waiting", defaultValue = "16")
    int maxWaiting;

    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder batchesWritten = new LongAdder();
    private final LongAdder transactionsFailed = new LongAdder();
    private final LongAdder refusedBusy = new LongAdder();

    /**
     * Since start on this node: group transactions committed, the batches they held (over the transactions, the mean
     * group size), group transactions that failed (their batches then written alone), and batches refused because
     * too many of their organisation's were waiting.
     */
    public record Counts(long transactions, long batches, long failed, long refusedBusy) {
    }

    private static final class Lane {
        final ReentrantLock turn = new ReentrantLock();
        final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
        /** Batches in this lane: queued, or holding or waiting for the turn. */
        final AtomicInteger admitted = new AtomicInteger();
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
     * failed and the batch is to be written alone. A refusal of this batch alone (its key reused) is thrown, and so is
     * {@link BusyException} when more than {@code aia.telemetry.ingest.max-waiting} of the organisation's batches are
     * in the lane already (nothing of it written).
     */
    public Optional<IngestReceipt> write(UUID organizationId, RollupWriter.Batch batch) {
        Lane lane = lanes.computeIfAbsent(organizationId, id -> new Lane());
        if (lane.admitted.incrementAndGet() > Math.max(1, maxWaiting) + 1) { // + 1: the batch being written
            lane.admitted.decrementAndGet();
            refusedBusy.increment();
            throw new BusyException("ingest-busy", "This organisation's telemetry arrives faster than this node writes it: "
                    + "the batch was not stored. Send it again (with the same Idempotency-Key) in " + RETRY_AFTER_SECONDS + " s",
                    RETRY_AFTER_SECONDS);
        }
        Waiting mine = new Waiting(batch);
        try {
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
        } finally {
            lane.admitted.decrementAndGet();
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
        return new Counts(transactions.sum(), batchesWritten.sum(), transactionsFailed.sum(), refusedBusy.sum());
    }

    /** Batches of the organisation in its lane on this node: waiting, being written, or written and not yet gone. */
    int inLane(UUID organizationId) {
        Lane lane = lanes.get(organizationId);
        return lane == null ? 0 : lane.admitted.get();
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
