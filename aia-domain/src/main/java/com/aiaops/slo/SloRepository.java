package com.aiaops.slo;

import com.aiaops.access.OrganizationScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SLOs of one organisation at a time. */
@ApplicationScoped
public class SloRepository {
    /** Ids bound to one query at most: well under any database's limit on bound parameters. */
    private static final int IDS_PER_QUERY = 1_000;

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    public void add(Slo slo) {
        em.persist(slo);
    }

    public void remove(Slo slo) {
        em.remove(slo);
    }

    public Optional<Slo> find(UUID organizationId, UUID id) {
        return OrganizationScope.read(em, organizationId, "select s from Slo s where s.organizationId = :organization and s.id = :id",
                Slo.class, query -> query.setParameter("id", id).getResultStream().findFirst());
    }

    /** Those of these SLOs that still exist, as they are now. */
    public List<Slo> findAll(UUID organizationId, java.util.Collection<UUID> ids) {
        List<UUID> asked = List.copyOf(ids);
        List<Slo> found = new java.util.ArrayList<>();
        for (int first = 0; first < asked.size(); first += IDS_PER_QUERY) {
            found.addAll(em.createQuery("select s from Slo s where s.organizationId = :org and s.id in :ids", Slo.class)
                    .setParameter("org", organizationId)
                    .setParameter("ids", asked.subList(first, Math.min(asked.size(), first + IDS_PER_QUERY))).getResultList());
        }
        return found;
    }

    public Optional<Slo> findByName(UUID organizationId, String name) {
        return OrganizationScope.read(em, organizationId, "select s from Slo s where s.organizationId = :organization and s.name = :name",
                Slo.class, query -> query.setParameter("name", name).getResultStream().findFirst());
    }

    public List<Slo> pageAfter(String afterName, int maxResults) {
        return com.aiaops.shared.Keyset.pageAfter(em, Slo.class, "name", afterName, maxResults);
    }

    public List<Slo> ofService(UUID organizationId, UUID serviceId) {
        return OrganizationScope.read(em, organizationId,
                "select s from Slo s where s.organizationId = :organization and s.serviceId = :service order by s.name", Slo.class,
                query -> query.setParameter("service", serviceId).getResultList());
    }

    /** The latency thresholds the SLOs of this service use, which ingestion counts exactly (see {@link SloThresholds}). */
    public Set<Integer> thresholdsOf(UUID organizationId, UUID serviceId) {
        Set<Integer> bounds = new HashSet<>();
        OrganizationScope.read(em, organizationId, "select distinct s.latencyThresholdMillis, s.latencyThresholdStrict, s.latencyGoodAbove "
                        + "from Slo s where s.organizationId = :organization and s.serviceId = :service and s.latencyThresholdMillis is not null",
                Object[].class, query -> query.setParameter("service", serviceId).getResultList())
                .forEach(row -> bounds.add(Slo.boundKey((Integer) row[0], (Boolean) row[1], (Boolean) row[2])));
        return bounds;
    }
}
