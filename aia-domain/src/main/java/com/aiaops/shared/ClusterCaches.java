package com.aiaops.shared;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;

/**
 * The platform's distributed Infinispan caches (container "aia"), each resolved once. WildFly injects a lazy handle that
 * looks the cache up in its container again on every operation (a media-type check and a regular expression each time:
 * a tenth of a cached SLO status read, profiled with bench/profile.sh); the cache it resolves to is kept here instead.
 */
@ApplicationScoped
public class ClusterCaches {
    @Resource(lookup = "java:jboss/infinispan/cache/aia/queries")
    Cache<String, String> queriesHandle;

    @Resource(lookup = "java:jboss/infinispan/cache/aia/rate-limits")
    Cache<String, Long> rateLimitsHandle;

    private AdvancedCache<String, String> queries;
    private AdvancedCache<String, Long> rateLimits;

    /** On first use (the bean is created then): each handle resolved to its cache once. */
    @PostConstruct
    void resolve() {
        queries = queriesHandle.getAdvancedCache();
        rateLimits = rateLimitsHandle.getAdvancedCache();
    }

    /** Answers of queries, API keys found, SLO references: anything recomputable, held by two owners. */
    public AdvancedCache<String, String> queries() {
        return queries;
    }

    /** Request counters of the rate limits' windows. */
    public AdvancedCache<String, Long> rateLimits() {
        return rateLimits;
    }
}
