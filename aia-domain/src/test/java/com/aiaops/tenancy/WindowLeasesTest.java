package com.aiaops.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowLeasesTest {
    /** The cluster's counts as one map, taken from by compare-and-set as the Infinispan cache is. */
    static final class ClusterCounts implements WindowLeases.Counts {
        final ConcurrentHashMap<String, Long> counts = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public WindowLeases.Taken take(String key, long limit) {
            calls.incrementAndGet();
            while (true) {
                Long current = counts.get(key);
                long handedOut = current == null ? 0 : current;
                long share = WindowLeases.shareOf(limit, handedOut);
                if (share == 0) {
                    return new WindowLeases.Taken(0, handedOut);
                }
                boolean stored = current == null ? counts.putIfAbsent(key, share) == null : counts.replace(key, current, handedOut + share);
                if (stored) {
                    return new WindowLeases.Taken(share, handedOut + share);
                }
            }
        }
    }

    @Test
    void one_node_lets_exactly_the_limit_through_and_counts_the_remaining_down() {
        ClusterCounts cluster = new ClusterCounts();
        WindowLeases node = new WindowLeases(cluster);
        for (int i = 1; i <= 1000; i++) {
            WindowLeases.Outcome outcome = node.acquire("api-key:a", 7, 1000);
            assertTrue(outcome.allowed(), "request " + i);
            assertEquals(1000 - i, outcome.remaining(), "request " + i);
        }
        assertFalse(node.acquire("api-key:a", 7, 1000).allowed());
        assertEquals(0, node.acquire("api-key:a", 7, 1000).remaining());
        // A new window begins afresh; another bucket was never touched.
        assertTrue(node.acquire("api-key:a", 8, 1000).allowed());
        assertEquals(999, node.acquire("api-key:b", 7, 1000).remaining());
    }

    @Test
    void a_small_limit_is_counted_exactly_across_nodes() {
        ClusterCounts cluster = new ClusterCounts();
        WindowLeases a = new WindowLeases(cluster);
        WindowLeases b = new WindowLeases(cluster);
        int allowed = 0;
        int refusedByB = 0;
        for (int i = 0; i < 40; i++) {
            WindowLeases node = i % 2 == 0 ? a : b;
            if (node.acquire("api-key:k", 1, 30).allowed()) {
                allowed++;
            } else if (node == b) {
                refusedByB++;
            }
        }
        assertEquals(30, allowed);
        assertTrue(refusedByB > 0);
    }

    @Test
    void a_large_limit_asks_the_cluster_rarely() {
        ClusterCounts cluster = new ClusterCounts();
        WindowLeases node = new WindowLeases(cluster);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(node.acquire("api-key:bench", 1, 1_000_000).allowed());
        }
        assertEquals(1, cluster.calls.get(), "one share of 62,500 covers 10,000 requests");
    }

    @Test
    void nodes_under_concurrent_load_never_let_more_than_the_limit_through_and_together_let_all_of_it() throws Exception {
        for (long limit : new long[] {1, 15, 16, 17, 600, 100_003}) {
            ClusterCounts cluster = new ClusterCounts();
            List<WindowLeases> nodes = List.of(new WindowLeases(cluster), new WindowLeases(cluster), new WindowLeases(cluster));
            AtomicLong allowed = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    WindowLeases node = nodes.get(t % nodes.size());
                    running.add(threads.submit(() -> {
                        // every thread asks until its node refuses: then the cluster has nothing left, nor has the node
                        while (node.acquire("api-key:k", 3, limit).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(limit, allowed.get(), "limit " + limit);
            assertEquals(limit, cluster.counts.get("api-key:k@3"), "limit " + limit);
        }
    }

    @Test
    void a_share_is_a_sixteenth_of_what_is_left_and_at_least_one() {
        assertEquals(62_500, WindowLeases.shareOf(1_000_000, 0));
        assertEquals(1, WindowLeases.shareOf(30, 0));
        assertEquals(1, WindowLeases.shareOf(30, 29));
        assertEquals(0, WindowLeases.shareOf(30, 30));
        assertEquals(0, WindowLeases.shareOf(30, 31));
        assertEquals(2, WindowLeases.shareOf(600, 568));
    }
}
