package com.aiaops.tenancy;

import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Role;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organisations, accounts and memberships. Member queries always name the organisation. */
@ApplicationScoped
public class TenancyRepository {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    public void add(Object entity) {
        em.persist(entity);
    }

    public void remove(Object entity) {
        em.remove(entity);
    }

    public Optional<Organization> organization(UUID id) {
        return Optional.ofNullable(em.find(Organization.class, id));
    }

    public Optional<Organization> organizationBySlug(String slug) {
        return em.createQuery("select o from Organization o where o.slug = :slug", Organization.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    public Optional<Account> accountByEmail(String email) {
        return em.createQuery("select a from Account a where a.email = :email", Account.class)
                .setParameter("email", Account.normalizeEmail(email)).getResultStream().findFirst();
    }

    public Optional<Member> member(UUID organizationId, UUID memberId) {
        return em.createQuery("select m from Member m where m.organizationId = :org and m.id = :id", Member.class)
                .setParameter("org", organizationId).setParameter("id", memberId)
                .getResultStream().findFirst();
    }

    /** The person's membership in the named organisation, also while serving another one (switching organisations). */
    public Optional<Member> memberByAccount(UUID organizationId, UUID accountId) {
        return OrganizationScope.acrossOrganizations(em, () -> em.createQuery(
                        "select m from Member m where m.organizationId = :org and m.account.id = :account", Member.class)
                .setParameter("org", organizationId).setParameter("account", accountId)
                .getResultStream().findFirst());
    }

    /** The person's memberships in every organisation: the one place a request reads across organisations. */
    public List<Member> membershipsOf(UUID accountId) {
        return OrganizationScope.acrossOrganizations(em, () -> em.createQuery(
                "select m from Member m where m.account.id = :account order by m.id", Member.class)
                .setParameter("account", accountId).getResultList());
    }

    public List<Member> membersAfter(UUID afterId, int maxResults) {
        return com.aiaops.shared.Keyset.pageAfter(em, Member.class, "id", afterId, maxResults);
    }

    public long countAdmins(UUID organizationId) {
        return em.createQuery("select count(m) from Member m where m.organizationId = :org and m.role = :role", Long.class)
                .setParameter("org", organizationId).setParameter("role", Role.ADMIN).getSingleResult();
    }
}
