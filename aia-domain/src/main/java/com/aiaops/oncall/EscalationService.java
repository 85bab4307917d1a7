package com.aiaops.oncall;

import com.aiaops.access.OrganizationScope;
import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Escalation policies, and who an unacknowledged incident pages at a given moment. */
@ApplicationScoped
public class EscalationService {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    TenancyRepository tenancy;

    @Inject
    ScheduleService schedules;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public EscalationPolicy define(Caller caller, String name, EscalationPlan plan) {
        for (EscalationPlan.Step step : plan.steps()) {
            for (EscalationPlan.Target target : step.targets()) {
                boolean exists = target.type() == EscalationPlan.TargetType.MEMBER
                        ? tenancy.member(caller.organizationId(), target.id()).isPresent()
                        : findSchedule(caller, target.id()) != null;
                if (!exists) {
                    throw new InvalidRequestException("validation-failed", "No " + target.type() + " " + target.id() + " in this organisation",
                            List.of(new InvalidRequestException.Violation("steps", "unknown " + target.type() + " " + target.id())));
                }
            }
        }
        if (!em.createQuery("select p.id from EscalationPolicy p where p.name = :name", UUID.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictException("name-taken", "An escalation policy named '" + name + "' already exists");
        }
        EscalationPolicy policy = new EscalationPolicy(caller.organizationId(), name, plan, clock.instant());
        em.persist(policy);
        audit.record(caller, "escalation-policy.defined", "escalation-policy", policy.id(), null,
                Map.of("name", name, "steps", plan.steps().size(), "repeats", plan.repeats()));
        return policy;
    }

    @Transactional
    public List<EscalationPolicy> list(Caller caller) {
        return OrganizationScope.read(em, caller.organizationId(),
                "select p from EscalationPolicy p where p.organizationId = :organization order by p.name", EscalationPolicy.class,
                query -> query.setMaxResults(500).getResultList());
    }

    @Transactional
    public EscalationPolicy get(Caller caller, UUID id) {
        return find(caller, id);
    }

    /** The step in force for an incident triggered at {@code triggeredAt} and still unacknowledged at {@code at}. */
    @Transactional
    public Paging paging(Caller caller, UUID policyId, Instant triggeredAt, Instant at) {
        EscalationPlan.Position position = find(caller, policyId).plan().positionAt(triggeredAt, at);
        return new Paging(position, membersPaged(caller, position.targets(), at));
    }

    /** The members these targets page at {@code at}: members themselves, schedules whoever is on call then. */
    public List<UUID> membersPaged(Caller caller, List<EscalationPlan.Target> targets, Instant at) {
        Set<UUID> members = new LinkedHashSet<>();
        for (EscalationPlan.Target target : targets) {
            if (target.type() == EscalationPlan.TargetType.MEMBER) {
                members.add(target.id());
            } else {
                UUID onCall = schedules.onCallAt(caller, target.id(), at);
                if (onCall != null) {
                    members.add(onCall);
                }
            }
        }
        return List.copyOf(members);
    }

    /** A position and the members it pages (schedules resolved to who is on call then). */
    public record Paging(EscalationPlan.Position position, List<UUID> members) {
    }

    private Schedule findSchedule(Caller caller, UUID id) {
        return em.createQuery("select s from Schedule s where s.id = :id", Schedule.class)
                .setParameter("id", id).getResultStream().findFirst().orElse(null);
    }

    private EscalationPolicy find(Caller caller, UUID id) {
        return em.createQuery("select p from EscalationPolicy p where p.id = :id", EscalationPolicy.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("escalation policy", id));
    }
}
