package com.aiaops.shared;

import com.aiaops.access.OrganizationScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Keyset pagination of the current organisation's objects: the rows after a key, in key order. The organisation
 * is the thread's {@link OrganizationScope}, named in the query ({@link OrganizationScope#read}, so that Hibernate
 * keeps the query's plan), and a page is refused outside one rather than listing every organisation's rows. The key
 * field is named by code, never by a client.
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
        return page(em, entity, keyField, afterKey, maxResults, descending, java.util.Map.of());
    }

    /**
     * The same page of the rows that also meet {@code conditions}: JPQL on the entity aliased {@code e}, each with the
     * parameters it names (condition text by code, values by anyone).
     */
    public static <T> List<T> page(EntityManager em, Class<T> entity, String keyField, Object afterKey, int maxResults,
                                   boolean descending, java.util.Map<String, java.util.Map<String, Object>> conditions) {
        if (!OrganizationScope.isEntered()) {
            throw new IllegalStateException("A page of " + entity.getSimpleName() + " was asked for outside any organisation");
        }
        List<String> where = new java.util.ArrayList<>();
        where.add("e.organizationId = :organization");
        where.addAll(conditions.keySet());
        if (afterKey != null) {
            where.add("e." + keyField + (descending ? " < :after" : " > :after"));
        }
        String jpql = "select e from " + entity.getSimpleName() + " e where " + String.join(" and ", where)
                + " order by e." + keyField + (descending ? " desc" : "");
        return OrganizationScope.read(em, OrganizationScope.current(), jpql, entity, query -> {
            if (afterKey != null) {
                query.setParameter("after", afterKey);
            }
            conditions.values().forEach(parameters -> parameters.forEach(query::setParameter));
            return query.setMaxResults(maxResults).getResultList();
        });
    }
}
