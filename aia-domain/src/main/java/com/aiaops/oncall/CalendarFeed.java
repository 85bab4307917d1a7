package com.aiaops.oncall;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A secret, revocable address at which a calendar application reads who is on call: of one schedule, or of one
 * person across every schedule. Only the digest of the address's token is kept; revoking deletes the feed.
 */
@Entity
@Table(name = "calendar_feed")
public class CalendarFeed {
    @Id
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    /** The schedule of a schedule's feed; null for a person's feed. */
    @Column(name = "schedule_id")
    private UUID scheduleId;

    /** The member of a person's feed; null for a schedule's feed. */
    @Column(name = "member_id")
    private UUID memberId;

    @Column(name = "token_digest", nullable = false, length = 64, unique = true)
    private String tokenDigest;

    @Column(name = "created_by", nullable = false, length = 80)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_read_at")
    private Instant lastReadAt;

    protected CalendarFeed() {
    }

    CalendarFeed(UUID organizationId, UUID scheduleId, UUID memberId, String tokenDigest, String createdBy, Instant createdAt) {
        if ((scheduleId == null) == (memberId == null)) {
            throw new IllegalArgumentException("a feed is of a schedule or of a member");
        }
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.scheduleId = scheduleId;
        this.memberId = memberId;
        this.tokenDigest = tokenDigest;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void read(Instant at) {
        lastReadAt = at;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public UUID scheduleId() {
        return scheduleId;
    }

    public UUID memberId() {
        return memberId;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastReadAt() {
        return lastReadAt;
    }
}
