package com.aiaops.catalog;

import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.shared.StaleVersionException;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Registering, describing and retiring the caller's organisation's services. */
@ApplicationScoped
public class ServiceCatalog {
    @Inject
    ServiceRepository repository;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<ServiceRetired> retirements;

    @Transactional
    public Page<Service> list(Caller caller, PageRequest page) {
        return page.toPage(repository.pageAfter(page.afterKey(), page.limit() + 1), Service::slug);
    }

    @Transactional
    public Service get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @Transactional
    public Service register(Caller caller, String slug, String displayName, String ownerTeam, Tier tier, String description) {
        if (repository.findBySlug(caller.organizationId(), slug).isPresent()) {
            throw new ConflictException("slug-taken", "A service with slug '" + slug + "' already exists");
        }
        Service service = new Service(caller.organizationId(), slug, displayName, ownerTeam, tier, description, clock.instant());
        repository.add(service);
        audit.record(caller, "service.registered", "service", service.id(), null, snapshot(service));
        return service;
    }

    /** Replaces the description of a service, only if nobody changed it since {@code expectedVersion} was read. */
    @Transactional
    public Service describe(Caller caller, UUID id, long expectedVersion, String displayName, String ownerTeam, Tier tier,
                            String description) {
        Service service = find(caller, id);
        if (service.version() != expectedVersion) {
            throw new StaleVersionException("service", expectedVersion, service.version());
        }
        Map<String, Object> before = snapshot(service);
        service.describe(displayName, ownerTeam, tier, description, clock.instant());
        audit.record(caller, "service.updated", "service", service.id(), before, snapshot(service));
        return service;
    }

    @Transactional
    public void retire(Caller caller, UUID id) {
        Service service = find(caller, id);
        audit.record(caller, "service.retired", "service", service.id(), snapshot(service), null);
        repository.remove(service);
        retirements.fire(new ServiceRetired(service.organizationId(), service.id()));
    }

    private Service find(Caller caller, UUID id) {
        return repository.find(caller.organizationId(), id).orElseThrow(() -> new NotFoundException("service", id));
    }

    static Map<String, Object> snapshot(Service service) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("slug", service.slug());
        state.put("displayName", service.displayName());
        state.put("ownerTeam", service.ownerTeam());
        state.put("tier", service.tier().name());
        state.put("description", service.description());
        return state;
    }
}
