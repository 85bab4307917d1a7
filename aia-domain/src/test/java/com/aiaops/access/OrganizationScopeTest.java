package com.aiaops.access;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Filter;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guards of a read that names its organisation itself, and the session filter it lifts only while it runs. */
class OrganizationScopeTest {
    private static final UUID SERVED = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final String NAMED = "select s from Service s where s.organizationId = :organization and s.slug = :slug";

    private final List<String> events = new ArrayList<>();
    private final Map<String, Object> bound = new HashMap<>();

    @AfterEach
    void leave() {
        OrganizationScope.leave();
    }

    @Test
    void a_read_of_another_organisation_than_the_one_served_is_refused_before_any_query() {
        OrganizationScope.enter(SERVED);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OrganizationScope.read(session(), OTHER, NAMED, Object.class, q -> q.getResultList()));
        assertTrue(refused.getMessage().contains(OTHER.toString()));
        assertEquals(List.of(), events);
    }

    @Test
    void a_query_that_does_not_name_its_organisation_is_refused() {
        OrganizationScope.enter(SERVED);
        for (String jpql : List.of("select s from Service s where s.slug = :slug",
                "select s from Service s where s.organizationId = :organizationish",
                "select s from Service s where s.organizationId <> :organization")) {
            assertThrows(IllegalArgumentException.class,
                    () -> OrganizationScope.read(session(), SERVED, jpql, Object.class, q -> q.getResultList()), jpql);
        }
        assertEquals(List.of(), events);
    }

    @Test
    void the_filter_is_lifted_only_while_the_query_runs_and_comes_back_with_the_same_organisation_even_when_it_fails() {
        OrganizationScope.enter(SERVED);
        List<?> rows = OrganizationScope.read(session(), SERVED, NAMED, Object.class, q -> {
            events.add("run");
            return q.setParameter("slug", "shop").getResultList();
        });
        assertEquals(List.of(), rows);
        assertEquals(List.of("disable", "create", "run", "enable " + SERVED), events);
        assertEquals(Map.of("organization", SERVED, "slug", "shop", "tenantId", SERVED), bound);

        events.clear();
        assertThrows(IllegalStateException.class, () -> OrganizationScope.read(session(), SERVED, NAMED, Object.class, q -> {
            throw new IllegalStateException("the database went away");
        }));
        assertEquals(List.of("disable", "create", "enable " + SERVED), events);
    }

    @Test
    void platform_work_outside_any_organisation_reads_the_organisation_it_names() {
        OrganizationScope.read(session(), OTHER, NAMED, Object.class, q -> q.getResultList());
        assertEquals(OTHER, bound.get("organization"));
    }

    @Test
    void a_statement_written_in_sql_is_told_the_organisation_served_and_platform_work_none() {
        assertEquals(java.util.Optional.empty(), OrganizationScope.served());
        assertEquals(java.util.Optional.of(SERVED), OrganizationScope.within(SERVED, OrganizationScope::served));
        OrganizationScope.enter(SERVED);
        assertEquals(java.util.Optional.of(OTHER), OrganizationScope.within(OTHER, OrganizationScope::served));
        assertEquals(java.util.Optional.of(SERVED), OrganizationScope.served());
        OrganizationScope.leave();
        assertEquals(java.util.Optional.empty(), OrganizationScope.served());
    }

    /** An entity manager whose session has the tenant filter enabled for {@link #SERVED}, recording what is done to it. */
    private EntityManager session() {
        Filter filter = proxy(Filter.class, (method, args) -> {
            if (method.equals("setParameter")) {
                bound.put((String) args[0], args[1]);
                events.add("enable " + args[1]);
            }
            return null;
        });
        Filter[] enabled = {filter};
        Session session = proxy(Session.class, (method, args) -> switch (method) {
            case "getEnabledFilter" -> enabled[0];
            case "getTenantIdentifierValue" -> SERVED;
            case "disableFilter" -> {
                events.add("disable");
                enabled[0] = null;
                yield null;
            }
            case "enableFilter" -> {
                enabled[0] = filter;
                yield filter;
            }
            default -> throw new UnsupportedOperationException(method);
        });
        @SuppressWarnings("unchecked")
        TypedQuery<Object>[] query = new TypedQuery[1];
        query[0] = proxy(TypedQuery.class, (method, args) -> switch (method) {
            case "setParameter" -> {
                bound.put((String) args[0], args[1]);
                yield query[0];
            }
            case "getResultList" -> List.of();
            default -> throw new UnsupportedOperationException(method);
        });
        return proxy(EntityManager.class, (method, args) -> switch (method) {
            case "unwrap" -> session;
            case "createQuery" -> {
                events.add("create");
                yield query[0];
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(OrganizationScopeTest.class.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> answer.answer(method.getName(), args));
    }
}
