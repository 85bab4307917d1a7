package com.aiaops.telemetry;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.infinispan.Cache;

/**
 * Answers to telemetry queries, cached cluster-wide in the distributed "queries" cache. Each service has a
 * generation token that every committed ingest replaces; answers are keyed by it, so an ingest makes every
 * earlier answer about the service unreachable at once, on every node: nothing stale is ever served.
 * Values are JSON strings, which any node can read.
 */
@ApplicationScoped
public class QueryCache {
    private static final long ANSWER_SECONDS = 60;
    /** Longer than any answer lives, so a generation never lapses back to one an answer is still keyed by. */
    private static final long GENERATION_SECONDS = 600;

    @Resource(lookup = "java:jboss/infinispan/cache/aia/queries")
    Cache<String, String> cache;

    /**
     * Requests that miss the same answer at once (every reader of an SLO when a minute begins) wait for one
     * computation on this node instead of each running it: a herd of identical evaluations held every one of
     * them up for most of a second.
     */
    private final SingleFlight<String> computeOnce = new SingleFlight<>();

    /**
     * The cached answer, or {@code compute}'s, cached. The generation is read before computing, so an answer
     * computed from data an ingest has since replaced is stored under a key nobody asks for any more.
     */
    public String get(UUID serviceId, String question, Supplier<String> compute) {
        String key = "answer|" + serviceId + "|" + generation(serviceId) + "|" + question;
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        return computeAndKeep(key, ANSWER_SECONDS, compute);
    }

    /**
     * An answer about more than one service's telemetry (an organisation's status page), which no ingest can invalidate
     * by itself: cached for a fixed time only, under its own key, so it is at most {@code lifetime} old.
     */
    public String getForAWhile(String key, java.time.Duration lifetime, Supplier<String> compute) {
        String cacheKey = "timed|" + key;
        String cached = cache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        return computeAndKeep(cacheKey, Math.max(1, lifetime.toSeconds()), compute);
    }

    private String computeAndKeep(String key, long seconds, Supplier<String> compute) {
        return computeOnce.get(key, () -> {
            String answer = compute.get();
            cache.put(key, answer, seconds, TimeUnit.SECONDS);
            return answer;
        });
    }

    /** Called after an ingest commits. */
    public void invalidate(UUID serviceId) {
        cache.put(generationKey(serviceId), UUID.randomUUID().toString(), GENERATION_SECONDS, TimeUnit.SECONDS);
    }

    private String generation(UUID serviceId) {
        String generation = cache.get(generationKey(serviceId));
        if (generation == null) {
            generation = UUID.randomUUID().toString();
            String raced = cache.putIfAbsent(generationKey(serviceId), generation, GENERATION_SECONDS, TimeUnit.SECONDS);
            return raced != null ? raced : generation;
        }
        return generation;
    }

    private static String generationKey(UUID serviceId) {
        return "generation|" + serviceId;
    }
}
