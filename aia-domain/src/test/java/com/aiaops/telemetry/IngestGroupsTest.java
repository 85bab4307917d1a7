package com.aiaops.telemetry;

import com.aiaops.shared.BusyException;
import com.aiaops.shared.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestGroupsTest {
    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static RollupWriter.Batch batch(String key) {
        return new RollupWriter.Batch(key, "digest-" + key, 1, new TreeMap<>(), NOW);
    }

    /** A writer whose first transaction waits for the test, answering each batch as {@code answer} says. */
    private IngestGroups groups(Function<RollupWriter.Batch, RollupWriter.Outcome> answer, boolean groupsOfMoreThanOneFail) {
        IngestGroups groups = new IngestGroups();
        groups.maxWaiting = 16;
        groups.writer = new RollupWriter() {
            @Override
            public List<Outcome> applyAll(UUID organizationId, List<Batch> batches) {
                groupSizes.add(batches.size());
                if (groupSizes.size() == 1) {
                    firstEntered.countDown();
                    try {
                        assertTrue(releaseFirst.await(10, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (groupsOfMoreThanOneFail && batches.size() > 1) {
                    throw new IllegalStateException("a twin created a bucket first");
                }
                return batches.stream().map(answer).toList();
            }
        };
        return groups;
    }

    private static RollupWriter.Outcome receipt(RollupWriter.Batch batch) {
        return new RollupWriter.Outcome(new IngestReceipt(UUID.nameUUIDFromBytes(batch.idempotencyKey().getBytes()), 1, false, NOW), null);
    }

    /** Submits the first batch, waits until it is being written, then submits the others and waits until they all wait. */
    private Map<String, Future<Optional<IngestReceipt>>> submitWhileTheFirstIsWritten(IngestGroups groups, List<String> keys) throws Exception {
        Map<String, Future<Optional<IngestReceipt>>> results = new ConcurrentHashMap<>();
        results.put(keys.get(0), threads.submit(() -> groups.write(ORGANIZATION, batch(keys.get(0)))));
        assertTrue(firstEntered.await(10, TimeUnit.SECONDS));
        for (String key : keys.subList(1, keys.size())) {
            results.put(key, threads.submit(() -> groups.write(ORGANIZATION, batch(key))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (groups.waiting(ORGANIZATION) < keys.size() - 1) {
            assertTrue(System.nanoTime() < deadline, "the batches never queued: " + groups.waiting(ORGANIZATION));
            Thread.onSpinWait();
        }
        releaseFirst.countDown();
        return results;
    }

    @Test
    void batches_arriving_while_one_is_written_are_written_together_next_and_each_gets_its_own_receipt() throws Exception {
        IngestGroups groups = groups(IngestGroupsTest::receipt, false);
        List<String> keys = List.of("a", "b", "c", "d", "e", "f");
        var results = submitWhileTheFirstIsWritten(groups, keys);
        for (String key : keys) {
            assertEquals(UUID.nameUUIDFromBytes(key.getBytes()), results.get(key).get(10, TimeUnit.SECONDS).orElseThrow().batchId());
        }
        assertEquals(List.of(1, 5), groupSizes);
        assertEquals(0, groups.waiting(ORGANIZATION));
        assertEquals(new IngestGroups.Counts(2, 6, 0, 0), groups.counts());
        assertEquals(0, groups.inLane(ORGANIZATION));
    }

    @Test
    void a_group_that_fails_sends_each_of_its_batches_to_be_written_alone_and_a_refusal_reaches_only_its_own_batch() throws Exception {
        IngestGroups failing = groups(IngestGroupsTest::receipt, true);
        var results = submitWhileTheFirstIsWritten(failing, List.of("a", "b", "c"));
        assertTrue(results.get("a").get(10, TimeUnit.SECONDS).isPresent(), "the first was written alone and succeeded");
        assertEquals(Optional.empty(), results.get("b").get(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), results.get("c").get(10, TimeUnit.SECONDS));
        assertEquals(new IngestGroups.Counts(1, 1, 1, 0), failing.counts(), "the first alone committed, the group of b and c failed");
        assertEquals(0, failing.inLane(ORGANIZATION), "a batch sent to be written alone has left the lane");
    }

    @Test
    void a_reused_key_is_refused_to_its_own_batch_while_the_others_of_its_group_are_written() throws Exception {
        IngestGroups groups = groups(batch -> batch.idempotencyKey().equals("reused")
                ? new RollupWriter.Outcome(null, new ConflictException("idempotency-key-reused", "used for other data"))
                : receipt(batch), false);
        var results = submitWhileTheFirstIsWritten(groups, List.of("a", "reused", "c"));
        var refused = assertThrows(java.util.concurrent.ExecutionException.class, () -> results.get("reused").get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConflictException.class, refused.getCause());
        assertTrue(results.get("c").get(10, TimeUnit.SECONDS).isPresent());
        assertEquals(List.of(1, 2), groupSizes);
    }

    @Test
    void beyond_the_batches_allowed_to_wait_one_more_is_refused_at_once_unwritten_and_the_lane_takes_batches_again_once_it_drains() throws Exception {
        IngestGroups groups = groups(IngestGroupsTest::receipt, false);
        groups.maxWaiting = 2;
        var results = new ConcurrentHashMap<String, Future<Optional<IngestReceipt>>>();
        results.put("a", threads.submit(() -> groups.write(ORGANIZATION, batch("a"))));
        assertTrue(firstEntered.await(10, TimeUnit.SECONDS));
        for (String key : List.of("b", "c")) {
            results.put(key, threads.submit(() -> groups.write(ORGANIZATION, batch(key))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (groups.waiting(ORGANIZATION) < 2) {
            assertTrue(System.nanoTime() < deadline, "b and c never queued");
            Thread.onSpinWait();
        }
        assertEquals(3, groups.inLane(ORGANIZATION), "one being written, two waiting: the most allowed");

        BusyException busy = assertThrows(BusyException.class, () -> groups.write(ORGANIZATION, batch("d")));
        assertEquals("ingest-busy", busy.code());
        assertEquals(IngestGroups.RETRY_AFTER_SECONDS, busy.retryAfterSeconds());
        assertEquals(3, groups.inLane(ORGANIZATION), "the refused batch took no place");
        assertTrue(groups.write(UUID.randomUUID(), batch("other")).isPresent(),
                "another organisation's lane is not this one's: its batch is written at once");

        releaseFirst.countDown();
        for (String key : List.of("a", "b", "c")) {
            assertTrue(results.get(key).get(10, TimeUnit.SECONDS).isPresent(), key + " was written");
        }
        assertEquals(0, groups.inLane(ORGANIZATION));
        assertTrue(groups.write(ORGANIZATION, batch("d")).isPresent(), "sent again once the lane drained, d is written");
        assertEquals(List.of(1, 1, 2, 1), groupSizes, "a; the other organisation's; b and c together; d");
        assertEquals(1, groups.counts().refusedBusy());
    }
}
