package com.aiaops.observability;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.Cache;

/** Ready only while the distributed cache that holds rate limits accepts operations. */
@Readiness
@ApplicationScoped
public class CacheReadiness implements HealthCheck {
    @Resource(lookup = "java:jboss/infinispan/cache/aia/rate-limits")
    Cache<String, Long> rateLimits;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("cache").status(rateLimits.getAdvancedCache().getStatus().allowInvocations())
                    .withData("members", String.valueOf(rateLimits.getCacheManager().getMembers())).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("cache").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
