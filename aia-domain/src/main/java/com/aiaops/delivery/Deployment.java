package com.aiaops.delivery;

import com.aiaops.shared.Ids;
import com.aiaops.shared.PageRequest;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.TenantId;

/** A deployment of a service's version to an environment, with what it shipped and how it went. */
@Entity
@Table(name = "deployment", indexes = @Index(name = "deployment_org_finished", columnList = "organization_id, finished_at"))
public class Deployment implements com.aiaops.shared.KeptSet.Member {
    public static final String PRODUCTION = "production";

    public enum Result { SUCCESS, FAILURE }

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(nullable = false, length = 100)
    private String version;

    @Column(nullable = false, length = 32)
    private String environment;

    // A page of deployments loads the commits of all its rows in one query, not one query per row.
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = PageRequest.MAX_LIMIT + 1)
    @CollectionTable(name = "deployment_commit", joinColumns = @JoinColumn(name = "deployment_id"))
    @OrderColumn(name = "position")
    private List<Commit> commits = new ArrayList<>();

    @Column(name = "first_commit_at")
    private Instant firstCommitAt;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    private Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Result result;

    /** The deployment this one rolled back, if it is a rollback. */
    @Column(name = "rollback_of")
    private UUID rollbackOf;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_kind", nullable = false, length = 12)
    private ChangeKind changeKind;

    /** Why an ADMIN let it through a release freeze (null: no override was needed or given). */
    @Column(name = "freeze_override_reason", length = 500)
    private String freezeOverrideReason;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected Deployment() {
    }

    Deployment(UUID organizationId, UUID serviceId, String version, String environment, List<Commit> commits, Instant startedAt,
               Instant finishedAt, Result result, UUID rollbackOf, ChangeKind changeKind, String freezeOverrideReason, Instant recordedAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.serviceId = serviceId;
        this.version = version;
        this.environment = environment;
        this.commits = new ArrayList<>(commits);
        this.firstCommitAt = commits.stream().map(Commit::committedAt).min(Comparator.naturalOrder()).orElse(null);
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.result = result;
        this.rollbackOf = rollbackOf;
        this.changeKind = changeKind;
        this.freezeOverrideReason = freezeOverrideReason;
        this.recordedAt = recordedAt;
    }

    public boolean production() {
        return PRODUCTION.equals(environment);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String version() {
        return version;
    }

    public String environment() {
        return environment;
    }

    public List<Commit> commits() {
        return List.copyOf(commits);
    }

    public Instant firstCommitAt() {
        return firstCommitAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Result result() {
        return result;
    }

    public UUID rollbackOf() {
        return rollbackOf;
    }

    public ChangeKind changeKind() {
        return changeKind;
    }

    public String freezeOverrideReason() {
        return freezeOverrideReason;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
