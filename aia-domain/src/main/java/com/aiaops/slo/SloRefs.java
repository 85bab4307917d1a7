package com.aiaops.slo;

import com.aiaops.shared.NotFoundException;
import com.aiaops.telemetry.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/**
 * The references of SLOs read lately, kept in the cluster's query cache so that a status read finds its cached answer
 * without a query for the SLO's row (that query was 45 % of a cached status read's time, profiled with bench/profile.sh).
 * A definition never changes once made; a deleted SLO's reference is forgotten once the deletion commits, and a reference
 * put back by a read that overlapped the deletion lives {@link #LIFETIME} at most.
 */
@ApplicationScoped
public class SloRefs {
    static final Duration LIFETIME = Duration.ofSeconds(60);

    @Inject
    SloRepository repository;

    @Inject
    QueryCache cache;

    /** The organisation's SLO with this id; tenant scoping stays with the repository, as the key holds the organisation. */
    SloRef of(UUID organizationId, UUID id) {
        // An id not found is not remembered: random ids must not crowd out the answers the cache is for.
        return SloRef.parse(id, cache.getForAWhile(key(organizationId, id), LIFETIME, () -> repository.find(organizationId, id)
                .map(slo -> SloRef.of(slo).asText()).orElseThrow(() -> new NotFoundException("SLO", id))));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) SloDeleted deleted) {
        cache.forgetForAWhile(key(deleted.organizationId(), deleted.id()));
    }

    private static String key(UUID organizationId, UUID id) {
        return "slo-ref|" + organizationId + "|" + id;
    }

    /** Fired when an SLO is deleted, observed once the deletion commits. */
    public record SloDeleted(UUID organizationId, UUID id) {
    }
}
