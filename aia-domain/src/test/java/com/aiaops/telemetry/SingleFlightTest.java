package com.aiaops.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleFlightTest {
    /** Callers on threads of their own; their answers, or failures, in arrival order. */
    private static final class Callers {
        final List<Thread> threads = new ArrayList<>();
        final ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();

        void start(SingleFlight<String> flight, String key, Supplier<String> compute) {
            Thread thread = new Thread(() -> {
                try {
                    outcomes.add(flight.get(key, compute));
                } catch (RuntimeException e) {
                    outcomes.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }

        /** Until every caller is parked: the computation they call does not block, so they wait for another's. */
        void awaitAllWaiting() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                assertTrue(System.nanoTime() < deadline, "callers did not come to wait");
                Thread.onSpinWait();
            }
        }

        void join() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }

    @Test
    void callers_of_a_key_being_computed_wait_for_that_one_computation() throws Exception {
        SingleFlight<String> flight = new SingleFlight<>();
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Callers first = new Callers();
        first.start(flight, "slo-status|a", () -> {
            computations.incrementAndGet();
            started.countDown();
            await(release);
            return "answer";
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Callers others = new Callers();
        for (int i = 0; i < 7; i++) {
            others.start(flight, "slo-status|a", () -> {
                computations.incrementAndGet();
                return "a second computation";
            });
        }
        others.awaitAllWaiting();
        assertEquals("b", flight.get("slo-status|b", () -> "b"), "another key is not held up");
        release.countDown();
        first.join();
        others.join();
        assertEquals(List.of("answer"), List.copyOf(first.outcomes));
        assertEquals(java.util.Collections.nCopies(7, "answer"), List.copyOf(others.outcomes));
        assertEquals(1, computations.get());
        assertEquals("fresh", flight.get("slo-status|a", () -> "fresh"), "once answered, nothing is kept");
    }

    @Test
    void callers_waiting_on_a_failed_computation_get_its_failure() throws Exception {
        SingleFlight<String> flight = new SingleFlight<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("database gone");
        Callers first = new Callers();
        first.start(flight, "k", () -> {
            started.countDown();
            await(release);
            throw failure;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Callers waiting = new Callers();
        waiting.start(flight, "k", () -> "computed beside the first");
        waiting.awaitAllWaiting();
        release.countDown();
        first.join();
        waiting.join();
        assertEquals(List.of(failure), List.copyOf(first.outcomes));
        assertEquals(List.of(failure), List.copyOf(waiting.outcomes));
        assertEquals("recovered", flight.get("k", () -> "recovered"), "a failure is not kept either");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
