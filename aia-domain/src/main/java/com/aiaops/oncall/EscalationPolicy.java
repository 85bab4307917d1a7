package com.aiaops.oncall;

import com.aiaops.shared.Ids;
import com.aiaops.shared.KeptSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/** A named escalation policy; its steps are stored as text ("15:SCHEDULE/id,MEMBER/id;30:MEMBER/id"). */
@Entity
@Table(name = "escalation_policy", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "name"}))
public class EscalationPolicy implements KeptSet.Member {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(nullable = false)
    private int repeats;

    @Column(nullable = false, length = 4000)
    private String steps;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EscalationPolicy() {
    }

    public EscalationPolicy(UUID organizationId, String name, EscalationPlan plan, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.name = name;
        this.repeats = plan.repeats();
        this.steps = plan.steps().stream().map(s -> s.delay().toMinutes() + ":" + s.targets().stream()
                .map(t -> t.type() + "/" + t.id()).collect(Collectors.joining(","))).collect(Collectors.joining(";"));
        this.createdAt = createdAt;
    }

    public EscalationPlan plan() {
        List<EscalationPlan.Step> parsed = new ArrayList<>();
        for (String step : steps.split(";")) {
            int colon = step.indexOf(':');
            List<EscalationPlan.Target> targets = Arrays.stream(step.substring(colon + 1).split(",")).map(t -> {
                int slash = t.indexOf('/');
                return new EscalationPlan.Target(EscalationPlan.TargetType.valueOf(t.substring(0, slash)),
                        UUID.fromString(t.substring(slash + 1)));
            }).toList();
            parsed.add(new EscalationPlan.Step(Duration.ofMinutes(Long.parseLong(step.substring(0, colon))), targets));
        }
        return new EscalationPlan(parsed, repeats);
    }

    public UUID id() {
        return id;
    }

    @Override
    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }
}
