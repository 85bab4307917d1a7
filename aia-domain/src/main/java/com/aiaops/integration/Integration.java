package com.aiaops.integration;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A sender wired to one service. Its secret is kept as a hash for lookup; a GitHub integration also keeps the secret
 * itself, because an HMAC signature can only be checked with the key that made it (as GitHub keeps it on its side).
 */
@Entity
@Table(name = "integration")
public class Integration {
    static final int MAX_TEXT = 500;

    @Id
    private UUID id;

    @TenantId // scoped by Hibernate to the organisation being served (com.aiaops.access.OrganizationScope)
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private IntegrationKind kind;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "service_id", nullable = false)
    private UUID serviceId;

    @Column(name = "escalation_policy_id")
    private UUID escalationPolicyId;

    @Column(name = "auto_resolve_incidents", nullable = false)
    private boolean autoResolveIncidents;

    /** GitHub's {@code owner/name} or GitLab's {@code group/project} path, for deployment integrations. */
    @Column(length = 200)
    private String repository;

    /** Environments whose deployments count, comma-separated (production by default). */
    @Column(nullable = false, length = 500)
    private String environments;

    @Column(name = "secret_hash", nullable = false, length = 64, unique = true)
    private String secretHash;

    @Column(name = "signing_secret", length = 100)
    private String signingSecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "secret_rotated_at", nullable = false)
    private Instant secretRotatedAt;

    @Column(name = "last_event_at")
    private Instant lastEventAt;

    @Column(name = "last_event", length = MAX_TEXT)
    private String lastEvent;

    @Column(name = "last_error_at")
    private Instant lastErrorAt;

    @Column(name = "last_error", length = MAX_TEXT)
    private String lastError;

    @Version
    private long version;

    protected Integration() {
    }

    Integration(UUID organizationId, IntegrationKind kind, String name, UUID serviceId, UUID escalationPolicyId,
                boolean autoResolveIncidents, String repository, List<String> environments, Instant now) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.kind = kind;
        this.name = name;
        this.serviceId = serviceId;
        this.escalationPolicyId = escalationPolicyId;
        this.autoResolveIncidents = autoResolveIncidents;
        this.repository = repository;
        this.environments = String.join(",", environments);
        this.createdAt = now;
    }

    /** A new secret: the old one stops working at once. */
    void useSecret(String secret, Instant at) {
        this.secretHash = IntegrationService.hashOf(secret);
        this.signingSecret = kind == IntegrationKind.GITHUB ? secret : null;
        this.secretRotatedAt = at;
    }

    void received(String event, Instant at) {
        lastEvent = shorten(event);
        lastEventAt = at;
    }

    void failed(String error, Instant at) {
        lastError = shorten(error);
        lastErrorAt = at;
    }

    private static String shorten(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    public boolean countsEnvironment(String environment) {
        return environment != null && environments().stream().anyMatch(e -> e.equalsIgnoreCase(environment));
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public IntegrationKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public UUID escalationPolicyId() {
        return escalationPolicyId;
    }

    public boolean autoResolveIncidents() {
        return autoResolveIncidents;
    }

    public String repository() {
        return repository;
    }

    public List<String> environments() {
        return Arrays.stream(environments.split(",")).filter(e -> !e.isBlank()).toList();
    }

    String signingSecret() {
        return signingSecret;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant secretRotatedAt() {
        return secretRotatedAt;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    public String lastEvent() {
        return lastEvent;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public String lastError() {
        return lastError;
    }

    public long version() {
        return version;
    }
}
