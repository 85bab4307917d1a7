package com.aiaops.access;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hibernate.Filter;
import org.hibernate.Session;

/**
 * The organisation whose rows the current thread's work may see: set once per request, by the authentication
 * filter, to the caller's organisation; every organisation-owned entity carries {@code @TenantId} on its
 * {@code organizationId}, so Hibernate adds the organisation to every query and load of it, and refuses to write a
 * row of another organisation. Background work done for one organisation (an alert rule's evaluation, a check
 * run, an escalation, a notification, a report) enters its organisation with {@link #within}; only work done for
 * the platform itself — finding what is due, claiming it, backups, signing in — runs outside any organisation and
 * sees every organisation's rows.
 */
public final class OrganizationScope {
    /** Outside any organisation: the platform's own work sees every organisation's rows. */
    public static final UUID EVERY_ORGANIZATION = new UUID(0, 0);
    /** The name Hibernate gives the filter it makes of {@code @TenantId}. */
    private static final String TENANT_FILTER = "_tenantId";
    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();
    private static final Pattern NAMES_ITS_ORGANIZATION = Pattern.compile("\\.organizationId\\s*=\\s*:organization\\b");

    private OrganizationScope() {
    }

    /** From now on, on this thread, only this organisation's rows exist. */
    public static void enter(UUID organizationId) {
        CURRENT.set(java.util.Objects.requireNonNull(organizationId));
    }

    /** Back to the platform's view; a thread returns to its pool this way. */
    public static void leave() {
        CURRENT.remove();
    }

    /**
     * Does one organisation's work on this thread, in that organisation, then returns to where the thread was. A
     * transaction begun inside sees only that organisation's rows; call it outside any transaction, since a session
     * already open keeps the organisation it was opened with.
     */
    public static <T> T within(UUID organizationId, Supplier<T> work) {
        UUID before = CURRENT.get();
        enter(organizationId);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    public static void within(UUID organizationId, Runnable work) {
        within(organizationId, () -> {
            work.run();
            return null;
        });
    }

    /** Whether this thread serves one organisation (a request, or work entered with {@link #within}). */
    public static boolean isEntered() {
        return CURRENT.get() != null;
    }

    /**
     * The organisation being served, for a read written in SQL, where no session filter applies: its statement restricts
     * {@code organization_id} to this one. Empty for the platform's own work, which sees every organisation.
     */
    public static java.util.Optional<UUID> served() {
        return java.util.Optional.ofNullable(CURRENT.get());
    }

    public static UUID current() {
        UUID organizationId = CURRENT.get();
        return organizationId == null ? EVERY_ORGANIZATION : organizationId;
    }

    /**
     * A read that must cross organisations while serving one, said so where it is written: a person's memberships
     * in every organisation, or the membership an organisation switch goes to.
     */
    public static <T> T acrossOrganizations(EntityManager em, Supplier<T> read) {
        return withoutSessionFilter(em, read);
    }

    /**
     * A read of one organisation whose query names the organisation itself: the JPQL restricts every
     * organisation-owned alias it reads with {@code organizationId = :organization}, bound here to
     * {@code organizationId}, which must be the organisation being served, if one is (platform work serves none). It
     * runs without the session's filter because Hibernate 6.6 keeps no translated query plan while any filter is
     * enabled, and translating a query again on every execution cost more than running it on the hot paths
     * (docs/BENCHMARKS.md, the mixed workload's profile); the explicit parameter scopes it instead. {@code run} sets
     * the other parameters and executes the query.
     */
    public static <T, R> R read(EntityManager em, UUID organizationId, String jpql, Class<T> type, Function<TypedQuery<T>, R> run) {
        UUID served = CURRENT.get();
        if (served != null && !served.equals(organizationId)) {
            throw new IllegalStateException("A read of organisation " + organizationId + " while serving " + served);
        }
        if (!NAMES_ITS_ORGANIZATION.matcher(jpql).find()) {
            throw new IllegalArgumentException("The query names no organisation (organizationId = :organization): " + jpql);
        }
        return withoutSessionFilter(em, () -> run.apply(em.createQuery(jpql, type).setParameter("organization", organizationId)));
    }

    private static <T> T withoutSessionFilter(EntityManager em, Supplier<T> read) {
        Session session = em.unwrap(Session.class);
        Filter scope = session.getEnabledFilter(TENANT_FILTER);
        if (scope == null) {
            return read.get();
        }
        Object organizationId = session.getTenantIdentifierValue();
        session.disableFilter(TENANT_FILTER);
        try {
            return read.get();
        } finally {
            session.enableFilter(TENANT_FILTER).setParameter("tenantId", organizationId);
        }
    }
}
