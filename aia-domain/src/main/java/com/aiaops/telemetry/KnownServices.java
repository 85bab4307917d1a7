package com.aiaops.telemetry;

import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.catalog.ServiceRetired;
import com.aiaops.shared.KeptSet;
import com.aiaops.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Which services an organisation has, as telemetry reads ask before answering: remembered a while in the cluster's query
 * cache, so that a read whose answer is cached makes no query at all (the service's row was most of a cached read's
 * work, as the SLO's row was for a status). A service's retirement forgets it once the retirement commits; one put back
 * by a read that overlapped the retirement lives {@link #LIFETIME} at most.
 */
@ApplicationScoped
public class KnownServices {
    static final Duration LIFETIME = Duration.ofSeconds(60);

    @Inject
    ServiceRepository services;

    @Inject
    QueryCache cache;

    /** Fails with "not found" unless the organisation has the service; tenant scoping stays with the repository. */
    void require(UUID organizationId, UUID serviceId) {
        // An id not found is not remembered: random ids must not crowd out the answers the cache is for.
        cache.getForAWhile(key(organizationId, serviceId), LIFETIME, () -> services.find(organizationId, serviceId)
                .map(service -> "known").orElseThrow(() -> new NotFoundException("service", serviceId)));
    }

    /**
     * The id of the organisation's service with this slug, as each ingest asks for each slug of its batch: kept under the
     * organisation's service set, which any committed change of one of its services renews on every node. A slug with no
     * service is not kept (random slugs must not crowd out the answers the cache is for).
     */
    Optional<UUID> idOf(UUID organizationId, String slug) {
        try {
            return Optional.of(UUID.fromString(cache.getAboutSet(organizationId, KeptSet.of(Service.class), "id-of|" + slug,
                    () -> services.findBySlug(organizationId, slug).map(service -> service.id().toString()).orElseThrow(NoSuchSlug::new))));
        } catch (NoSuchSlug e) {
            return Optional.empty();
        }
    }

    /** Leaves the kept answers without one for a slug no service has. */
    private static final class NoSuchSlug extends RuntimeException {
        NoSuchSlug() {
            super(null, null, false, false);
        }
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ServiceRetired retired) {
        cache.forgetForAWhile(key(retired.organizationId(), retired.serviceId()));
    }

    private static String key(UUID organizationId, UUID serviceId) {
        return "service-known|" + organizationId + "|" + serviceId;
    }
}
