package com.aiaops.notification;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.TenantId;

/**
 * One message in the outbox: written in the transaction of what caused it, delivered later, retried with a
 * growing delay until the receiver accepts it. Its id is the idempotency key the receiver sees on every attempt.
 */
@Entity
@Table(name = "notification", indexes = {
        @Index(name = "notification_due", columnList = "state, next_attempt_at"),
        @Index(name = "notification_source", columnList = "organization_id, source_id")})
public class Notification {
    @Schema(name = "NotificationState")
    public enum State {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** The receiver accepted it. */
        DELIVERED,
        /** Not sent: its service was under maintenance. Kept so that the silence is visible. */
        MUTED
    }

    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    /** The channel, or null for a page sent to a person. */
    @Column(name = "channel_id")
    private UUID channelId;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel_type", nullable = false, length = 16)
    private ChannelType channelType;

    @Column(nullable = false, length = 2000)
    private String target;

    @Column(nullable = false, length = 64)
    private String event;

    @Column(nullable = false, length = 300)
    private String subject;

    /** The JSON document a webhook receives (Slack and e-mail render it as text). Plain text, not a LOB: portable. */
    @Column(name = "document", nullable = false, length = 16_000)
    private String payload;

    @Column(name = "source_type", length = 32)
    private String sourceType;

    @Column(name = "source_id")
    private UUID sourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected Notification() {
    }

    Notification(UUID organizationId, UUID channelId, ChannelType channelType, String target, String event, String subject,
                 String sourceType, UUID sourceId, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.channelId = channelId;
        this.channelType = channelType;
        this.target = target;
        this.event = event;
        this.subject = subject.length() > 300 ? subject.substring(0, 300) : subject;
        this.sourceType = sourceType;
        this.sourceId = sourceId;
        this.state = State.PENDING;
        this.nextAttemptAt = createdAt;
        this.createdAt = createdAt;
    }

    void carry(String document) {
        this.payload = document;
    }

    /** Kept, but never sent: the reason is recorded where the error of a failed attempt would be. */
    void mute(String reason) {
        state = State.MUTED;
        nextAttemptAt = null;
        lastError = reason;
    }

    void delivered(Instant at) {
        state = State.DELIVERED;
        deliveredAt = at;
        nextAttemptAt = null;
        lastError = null;
    }

    /** Schedules the next attempt after a failed one: 10 s, 20 s, 40 s … at most 10 minutes apart. */
    void failed(Instant at, String error) {
        lastError = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        nextAttemptAt = at.plus(retryDelay(attempts));
    }

    static Duration retryDelay(int attemptsMade) {
        int doublings = Math.max(0, Math.min(attemptsMade - 1, 16));
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID channelId() {
        return channelId;
    }

    public ChannelType channelType() {
        return channelType;
    }

    public String target() {
        return target;
    }

    public String event() {
        return event;
    }

    public String subject() {
        return subject;
    }

    public String payload() {
        return payload;
    }

    public String sourceType() {
        return sourceType;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public State state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
