package com.aiaops.tenancy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Fixed-window request counters in the distributed Infinispan cache "rate-limits": every node takes its
 * requests from the same count (a compare-and-set on the key's primary owner), so a limit holds across the
 * cluster. A node takes a share of the window at a time ({@link WindowLeases}) instead of one request at a time.
 * Counters expire with their window.
 */
@ApplicationScoped
public class RateLimiter {
    private static final long WINDOW_SECONDS = 60;

    @Inject
    com.aiaops.shared.ClusterCaches caches;

    @Inject
    Clock clock;

    private WindowLeases leases;

    @PostConstruct
    void start() {
        leases = new WindowLeases(this::take);
    }

    public Decision tryAcquire(String bucket, int limitPerMinute) {
        long nowSeconds = clock.instant().getEpochSecond();
        long window = nowSeconds / WINDOW_SECONDS;
        long retryAfter = (window + 1) * WINDOW_SECONDS - nowSeconds;
        WindowLeases.Outcome outcome = leases.acquire(bucket, window, limitPerMinute);
        return new Decision(outcome.allowed(), limitPerMinute, outcome.remaining(), Math.max(1, retryAfter));
    }

    private WindowLeases.Taken take(String key, long limit) {
        while (true) {
            Long current = caches.rateLimits().get(key);
            long handedOut = current == null ? 0 : current;
            long share = WindowLeases.shareOf(limit, handedOut);
            if (share == 0) {
                return new WindowLeases.Taken(0, handedOut); // already over: no need to count further
            }
            boolean stored = current == null
                    ? caches.rateLimits().putIfAbsent(key, share, 2 * WINDOW_SECONDS, TimeUnit.SECONDS) == null
                    : caches.rateLimits().replace(key, current, handedOut + share, 2 * WINDOW_SECONDS, TimeUnit.SECONDS);
            if (stored) {
                return new WindowLeases.Taken(share, handedOut + share);
            }
        }
    }

    /** Whether the cache can serve requests: part of readiness. */
    public boolean available() {
        return caches.rateLimits().getStatus().allowInvocations();
    }

    public record Decision(boolean allowed, int limit, long remaining, long retryAfterSeconds) {
    }
}
