package com.aiaops.incident;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.TenantId;

/** Follow-up work out of a postmortem: what, who owns it, by when, and where it stands. */
@Entity
@Table(name = "action_item", indexes = @Index(name = "action_item_org_state", columnList = "organization_id, state"))
public class ActionItem {
    @Schema(name = "ActionItemState")
    public enum State {
        OPEN, IN_PROGRESS, DONE, WONT_DO;

        public boolean finished() {
            return this == DONE || this == WONT_DO;
        }
    }

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(name = "due_on", nullable = false)
    private LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private State state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected ActionItem() {
    }

    ActionItem(UUID organizationId, UUID incidentId, String title, UUID ownerId, LocalDate dueOn, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.incidentId = incidentId;
        this.title = title;
        this.ownerId = ownerId;
        this.dueOn = dueOn;
        this.state = State.OPEN;
        this.createdAt = createdAt;
    }

    void update(String newTitle, UUID newOwner, LocalDate newDue, State newState, Instant at) {
        title = newTitle;
        ownerId = newOwner;
        dueOn = newDue;
        if (newState != state) {
            finishedAt = newState.finished() ? at : null;
            state = newState;
        }
    }

    /** Past its due date (the date in UTC) and not finished. */
    public boolean overdue(LocalDate today) {
        return !state.finished() && dueOn.isBefore(today);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String title() {
        return title;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public State state() {
        return state;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public long version() {
        return version;
    }
}
