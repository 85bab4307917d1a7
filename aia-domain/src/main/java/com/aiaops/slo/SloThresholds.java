package com.aiaops.slo;

import com.aiaops.shared.KeptSet;
import com.aiaops.telemetry.QueryCache;
import com.aiaops.telemetry.TrackedThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The latency thresholds a service's SLOs measure against, as every ingest asks for each service of its batch: kept under
 * the organisation's SLO set, which any committed change of one of its SLOs renews on every node, so an ingest after an SLO
 * is created or changed counts its threshold exactly, and the ingests between make no query for them (they were a tenth of
 * a small batch's time).
 */
@ApplicationScoped
public class SloThresholds implements TrackedThresholds {
    @Inject
    SloRepository slos;

    @Inject
    QueryCache cache;

    @Override
    public Set<Integer> of(UUID organizationId, UUID serviceId) {
        // Kept as "[a,b]": never empty text, which the cluster cannot keep ("[]" for a service without latency SLOs).
        String kept = cache.getAboutSet(organizationId, KeptSet.of(Slo.class), "latency-thresholds|" + serviceId,
                () -> slos.thresholdsOf(organizationId, serviceId).stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
        String listed = kept.substring(1, kept.length() - 1);
        return listed.isEmpty() ? Set.of() : Arrays.stream(listed.split(",")).map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
