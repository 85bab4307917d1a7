package com.aiaops.statuspage;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/**
 * A visitor of the status page who asked to hear of incidents and maintenance: by e-mail (heard from only once the
 * address is confirmed: double opt-in) or by webhook; of every component or of some.
 */
@Entity
@Table(name = "status_subscriber")
public class StatusSubscriber {
    public enum Kind { EMAIL, WEBHOOK }

    @Id
    private UUID id;

    @TenantId
    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Kind kind;

    @Column(nullable = false, length = 2000)
    private String address;

    /** The services of the components followed, comma-separated; empty: every component. */
    @Column(name = "service_ids", nullable = false, length = 4000)
    private String serviceIds;

    /** Digest of the confirmation token; null once confirmed. */
    @Column(name = "confirm_digest", length = 64)
    private String confirmDigest;

    /** Sent in every message, so that one click unsubscribes; it grants nothing else. */
    @Column(name = "unsubscribe_token", nullable = false, length = 64, unique = true)
    private String unsubscribeToken;

    /** Where the page was when the visitor subscribed: links in messages start here. */
    @Column(name = "links_base", nullable = false, length = 2000)
    private String linksBase;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    protected StatusSubscriber() {
    }

    StatusSubscriber(UUID organizationId, Kind kind, String address, List<UUID> serviceIds, String confirmDigest,
                     String unsubscribeToken, String linksBase, Instant createdAt) {
        this.id = Ids.newId();
        this.organizationId = organizationId;
        this.kind = kind;
        this.address = address;
        this.serviceIds = serviceIds.stream().map(UUID::toString).collect(Collectors.joining(","));
        this.confirmDigest = confirmDigest;
        this.unsubscribeToken = unsubscribeToken;
        this.linksBase = linksBase;
        this.createdAt = createdAt;
        if (confirmDigest == null) {
            this.confirmedAt = createdAt;
        }
    }

    void confirm(Instant at) {
        confirmDigest = null;
        confirmedAt = at;
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Whether a message about these services concerns this subscriber (no services: about everything). */
    boolean follows(List<UUID> about) {
        List<UUID> followed = services();
        return followed.isEmpty() || about.isEmpty() || about.stream().anyMatch(followed::contains);
    }

    public List<UUID> services() {
        return serviceIds.isEmpty() ? List.of() : Arrays.stream(serviceIds.split(",")).map(UUID::fromString).toList();
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public Kind kind() {
        return kind;
    }

    public String address() {
        return address;
    }

    String unsubscribeToken() {
        return unsubscribeToken;
    }

    String linksBase() {
        return linksBase;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }
}
