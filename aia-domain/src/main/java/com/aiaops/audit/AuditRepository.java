package com.aiaops.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** Storage of audit events and chain heads. Events are only ever added, or redacted for erasure. */
@ApplicationScoped
public class AuditRepository {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    AuditChainHead lockHead(UUID organizationId) {
        AuditChainHead head = em.find(AuditChainHead.class, organizationId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            head = new AuditChainHead(organizationId);
            em.persist(head);
            em.flush();
        }
        return head;
    }

    AuditChainHead findHead(UUID organizationId) {
        return em.find(AuditChainHead.class, organizationId);
    }

    void add(AuditEvent event) {
        em.persist(event);
    }

    public List<AuditEvent> pageAfter(UUID organizationId, long afterSequence, int maxResults) {
        return em.createQuery("select e from AuditEvent e where e.organizationId = :org and e.sequenceNumber > :after "
                        + "order by e.sequenceNumber", AuditEvent.class)
                .setParameter("org", organizationId)
                .setParameter("after", afterSequence)
                .setMaxResults(maxResults)
                .getResultList();
    }

    List<AuditEvent> concerning(UUID organizationId, String targetType, List<String> targetIds) {
        return em.createQuery("select e from AuditEvent e where e.organizationId = :org and e.targetType = :type "
                        + "and e.targetId in :ids", AuditEvent.class)
                .setParameter("org", organizationId)
                .setParameter("type", targetType)
                .setParameter("ids", targetIds)
                .getResultList();
    }

    List<AuditEvent> mentioning(UUID organizationId, String text) {
        return em.createQuery("select e from AuditEvent e where e.organizationId = :org and e.redactedAt is null "
                        + "and (e.before like :pattern escape '!' or e.after like :pattern escape '!')", AuditEvent.class)
                .setParameter("org", organizationId)
                .setParameter("pattern", "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                .getResultList();
    }
}
