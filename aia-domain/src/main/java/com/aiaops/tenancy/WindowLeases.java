package com.aiaops.tenancy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's leases on cluster-wide fixed-window counts. Asking the cluster on every request (a compare-and-set on
 * the count's owner) cost as much as the rest of an authenticated request; instead a node takes a share of what is
 * left in the window at once and hands it out locally. The cluster never hands out more than the limit, so the limit
 * still holds for the whole cluster. A share is at most 1/{@value #SHARE} of what is left, and one request's worth
 * once fewer than {@value #SHARE} remain, so a small limit is counted exactly; a node may hold back at most that share
 * unused while another node is refused.
 */
final class WindowLeases {
    static final long SHARE = 16;

    /** The cluster-wide count of a window's requests handed out to nodes. */
    interface Counts {
        /**
         * Adds {@link #shareOf(long, long)} of what is left to the count under {@code key}, unless the limit is reached.
         *
         * @return how many were taken (0 when none are left) and the count afterwards
         */
        Taken take(String key, long limit);
    }

    record Taken(long taken, long handedOut) {
    }

    record Outcome(boolean allowed, long remaining) {
    }

    /** What a node takes when {@code handedOut} of {@code limit} are gone: a share of the rest, at least one. */
    static long shareOf(long limit, long handedOut) {
        long left = limit - handedOut;
        return left <= 0 ? 0 : Math.max(1, left / SHARE);
    }

    private final Counts counts;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private volatile long sweptWindow;

    WindowLeases(Counts counts) {
        this.counts = counts;
    }

    Outcome acquire(String bucket, long window, long limit) {
        if (window > sweptWindow) {
            sweptWindow = window;
            leases.values().removeIf(lease -> lease.window < window); // buckets idle since an earlier window
        }
        Lease lease = leases.get(bucket);
        if (lease == null || lease.window != window || lease.limit != limit) {
            lease = leases.compute(bucket, (b, held) -> held != null && held.window == window && held.limit == limit
                    ? held : new Lease(window, limit));
        }
        if (lease.tryTake()) {
            return new Outcome(true, lease.remaining());
        }
        synchronized (lease) { // one cluster call per lease at a time; the others wait for its share
            if (lease.tryTake()) {
                return new Outcome(true, lease.remaining());
            }
            Taken taken = counts.take(bucket + "@" + window, limit);
            lease.handedOut = taken.handedOut();
            if (taken.taken() == 0) {
                return new Outcome(false, 0);
            }
            lease.left.addAndGet(taken.taken() - 1);
            return new Outcome(true, lease.remaining());
        }
    }

    private static final class Lease {
        final long window;
        final long limit;
        final AtomicLong left = new AtomicLong();
        volatile long handedOut;

        Lease(long window, long limit) {
            this.window = window;
            this.limit = limit;
        }

        boolean tryTake() {
            long now;
            do {
                now = left.get();
                if (now <= 0) {
                    return false;
                }
            } while (!left.compareAndSet(now, now - 1));
            return true;
        }

        /** Exact on one node; with several, what this node knows: what the cluster has not handed out plus its own. */
        long remaining() {
            return Math.max(0, limit - handedOut) + left.get();
        }
    }
}
