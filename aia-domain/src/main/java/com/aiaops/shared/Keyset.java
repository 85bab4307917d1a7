package com.aiaops.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.UUID;

/**
 * Keyset pagination of an organisation's objects: the rows after a key, in key order. The entity must have
 * an {@code organizationId}; the key field is named by code, never by a client.
 */
public final class Keyset {
    private Keyset() {
    }

    public static <T> List<T> pageAfter(EntityManager em, Class<T> entity, String keyField, UUID organizationId, Object afterKey,
                                        int maxResults) {
        return page(em, entity, keyField, organizationId, afterKey, maxResults, false);
    }

    /** The rows after a key in the page's order: ascending, or descending (newest first for time-ordered keys). */
    public static <T> List<T> page(EntityManager em, Class<T> entity, String keyField, UUID organizationId, Object afterKey,
                                   int maxResults, boolean descending) {
        String jpql = "select e from " + entity.getSimpleName() + " e where e.organizationId = :org"
                + (afterKey == null ? "" : " and e." + keyField + (descending ? " < :after" : " > :after"))
                + " order by e." + keyField + (descending ? " desc" : "");
        TypedQuery<T> query = em.createQuery(jpql, entity).setParameter("org", organizationId);
        if (afterKey != null) {
            query.setParameter("after", afterKey);
        }
        return query.setMaxResults(maxResults).getResultList();
    }
}
