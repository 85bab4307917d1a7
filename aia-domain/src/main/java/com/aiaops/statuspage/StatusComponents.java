package com.aiaops.statuspage;

import com.aiaops.access.Caller;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The components of an organisation's status page: which services it shows, in what order, and overrides by hand. */
@ApplicationScoped
public class StatusComponents {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public StatusComponent add(Caller caller, UUID serviceId, String name, int position) {
        if (services.find(caller.organizationId(), serviceId).isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "serviceId", "no such service in this organisation");
        }
        if (!em.createQuery("select c.id from StatusComponent c where c.serviceId = :service", UUID.class)
                .setParameter("service", serviceId).getResultList().isEmpty()) {
            throw new ConflictException("already-shown", "This service is already a component of the status page");
        }
        StatusComponent component = new StatusComponent(caller.organizationId(), serviceId, name, position, clock.instant());
        em.persist(component);
        audit.record(caller, "status-component.added", "status-component", component.id(), null, Map.of("name", name));
        return component;
    }

    @Transactional
    public List<StatusComponent> components(Caller caller) {
        return of(caller.organizationId());
    }

    /** Sets (or, with null, clears) the status shown whatever alerts, incidents and SLOs say. */
    @Transactional
    public StatusComponent override(Caller caller, UUID componentId, ComponentStatus status, String note) {
        StatusComponent component = find(caller, componentId);
        Map<String, Object> before = new HashMap<>();
        before.put("override", component.override() == null ? null : component.override().name());
        component.override(status, note, clock.instant());
        Map<String, Object> after = new HashMap<>();
        after.put("override", status == null ? null : status.name());
        after.put("note", note);
        audit.record(caller, "status-component.overridden", "status-component", componentId, before, after);
        return component;
    }

    @Transactional
    public void remove(Caller caller, UUID componentId) {
        StatusComponent component = find(caller, componentId);
        audit.record(caller, "status-component.removed", "status-component", componentId, Map.of("name", component.name()), null);
        em.remove(component);
    }

    /** The organisation's components in page order. */
    @Transactional
    public List<StatusComponent> of(UUID organizationId) {
        return em.createQuery("select c from StatusComponent c where c.organizationId = :org order by c.position, c.name",
                StatusComponent.class).setParameter("org", organizationId).setMaxResults(200).getResultList();
    }

    private StatusComponent find(Caller caller, UUID id) {
        return em.createQuery("select c from StatusComponent c where c.id = :id", StatusComponent.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("status component", id));
    }
}
