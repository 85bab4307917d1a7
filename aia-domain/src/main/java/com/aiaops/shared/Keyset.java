package com.aiaops.shared;

import com.aiaops.access.OrganizationScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Keyset pagination of the current organisation's objects: the rows after a key, in key order. The organisation
 * is the thread's {@link OrganizationScope} (Hibernate adds it to the query), so a page is refused outside one
 * rather than listing every organisation's rows. The key field is named by code, never by a client.
 */
public final class Keyset {
    private Keyset() {
    }

    public static <T> List<T> pageAfter(EntityManager em, Class<T> entity, String keyField, Object afterKey, int maxResults) {
        return page(em, entity, keyField, afterKey, maxResults, false);
    }

    /** The rows after a key in the page's order: ascending, or descending (newest first for time-ordered keys). */
    public static <T> List<T> page(EntityManager em, Class<T> entity, String keyField, Object afterKey, int maxResults,
                                   boolean descending) {
        if (!OrganizationScope.isEntered()) {
            throw new IllegalStateException("A page of " + entity.getSimpleName() + " was asked for outside any organisation");
        }
        String jpql = "select e from " + entity.getSimpleName() + " e"
                + (afterKey == null ? "" : " where e." + keyField + (descending ? " < :after" : " > :after"))
                + " order by e." + keyField + (descending ? " desc" : "");
        TypedQuery<T> query = em.createQuery(jpql, entity);
        if (afterKey != null) {
            query.setParameter("after", afterKey);
        }
        return query.setMaxResults(maxResults).getResultList();
    }
}
