package com.aiaops.observability;

import com.aiaops.shared.ClusterCaches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the distributed cache that holds rate limits accepts operations. */
@Readiness
@ApplicationScoped
public class CacheReadiness implements HealthCheck {
    @Inject
    ClusterCaches caches;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("cache").status(caches.rateLimits().getStatus().allowInvocations())
                    .withData("members", String.valueOf(caches.rateLimits().getCacheManager().getMembers())).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("cache").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
