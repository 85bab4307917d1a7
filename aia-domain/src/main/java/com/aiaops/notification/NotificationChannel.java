package com.aiaops.notification;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * Where an organisation's notifications go: a URL or an e-mail address. A webhook keeps the secret its
 * deliveries are signed with (the receiver holds the same secret to verify them); PagerDuty and Opsgenie keep the
 * credential the vendor gave (a routing key, an API key), which is sent and therefore kept as it was given.
 */
@Entity
@Table(name = "notification_channel", uniqueConstraints = @UniqueConstraint(columnNames = {"organization_id", "name"}))
public class NotificationChannel {
    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 63)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ChannelType type;

    /** The URL (webhooks) or the address (e-mail). */
    @Column(nullable = false, length = 2000)
    private String target;

    @Column(name = "signing_secret", length = 64)
    private String signingSecret;

    @Column(length = 200)
    private String credential;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected NotificationChannel() {
    }

    public NotificationChannel(UUID organizationId, String name, ChannelType type, String target, String signingSecret,
                               String credential, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.name = name;
        this.type = type;
        this.target = target;
        this.signingSecret = signingSecret;
        this.credential = credential;
        this.createdAt = createdAt;
    }

    public void rotateSecret(String newSecret) {
        this.signingSecret = newSecret;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public ChannelType type() {
        return type;
    }

    public String target() {
        return target;
    }

    public String signingSecret() {
        return signingSecret;
    }

    /** Replaces the vendor's credential (the vendor rotated it). */
    public void replaceCredential(String newCredential) {
        this.credential = newCredential;
    }

    public String credential() {
        return credential;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
