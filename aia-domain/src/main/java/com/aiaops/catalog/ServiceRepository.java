package com.aiaops.catalog;

import com.aiaops.access.OrganizationScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Services of one organisation at a time. */
@ApplicationScoped
public class ServiceRepository {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    public void add(Service service) {
        em.persist(service);
    }

    public void remove(Service service) {
        em.remove(service);
    }

    public Optional<Service> find(UUID organizationId, UUID id) {
        return OrganizationScope.read(em, organizationId, "select s from Service s where s.organizationId = :organization and s.id = :id",
                Service.class, query -> query.setParameter("id", id).getResultStream().findFirst());
    }

    public Optional<Service> findBySlug(UUID organizationId, String slug) {
        return OrganizationScope.read(em, organizationId, "select s from Service s where s.organizationId = :organization and s.slug = :slug",
                Service.class, query -> query.setParameter("slug", slug).getResultStream().findFirst());
    }

    /** All services of the organisation (at most 10,000), by slug. */
    public List<Service> all(UUID organizationId) {
        return OrganizationScope.read(em, organizationId, "select s from Service s where s.organizationId = :organization order by s.slug",
                Service.class, query -> query.setMaxResults(10_000).getResultList());
    }

    public List<Service> pageAfter(String afterSlug, int maxResults) {
        return com.aiaops.shared.Keyset.pageAfter(em, Service.class, "slug", afterSlug, maxResults);
    }
}
