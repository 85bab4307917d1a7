package com.aiaops.tenancy;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;

/**
 * Fixed-window request counters in the distributed Infinispan cache "rate-limits": every node
 * increments the same counter (a compare-and-set on the key's primary owner), so a limit holds
 * across the cluster. Counters expire with their window.
 */
@ApplicationScoped
public class RateLimiter {
    private static final long WINDOW_SECONDS = 60;

    @Resource(lookup = "java:jboss/infinispan/cache/aia/rate-limits")
    Cache<String, Long> counters;

    @Inject
    Clock clock;

    public Decision tryAcquire(String bucket, int limitPerMinute) {
        long nowSeconds = clock.instant().getEpochSecond();
        long window = nowSeconds / WINDOW_SECONDS;
        long retryAfter = (window + 1) * WINDOW_SECONDS - nowSeconds;
        String key = bucket + "@" + window;
        long count;
        while (true) {
            Long current = counters.putIfAbsent(key, 1L, 2 * WINDOW_SECONDS, TimeUnit.SECONDS);
            if (current == null) {
                count = 1;
                break;
            }
            if (current >= limitPerMinute) {
                count = current + 1;
                break; // already over: no need to count further
            }
            if (counters.replace(key, current, current + 1, 2 * WINDOW_SECONDS, TimeUnit.SECONDS)) {
                count = current + 1;
                break;
            }
        }
        boolean allowed = count <= limitPerMinute;
        return new Decision(allowed, limitPerMinute, Math.max(0, limitPerMinute - count), Math.max(1, retryAfter));
    }

    /** Whether the cache can serve requests: part of readiness. */
    public boolean available() {
        return counters.getAdvancedCache().getStatus().allowInvocations();
    }

    public record Decision(boolean allowed, int limit, long remaining, long retryAfterSeconds) {
    }
}
