package com.aiaops.integration;

import com.aiaops.access.Caller;
import com.aiaops.access.OrganizationScope;
import com.aiaops.audit.AuditLog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.incident.IncidentService;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrations' life (created, secret rotated, removed, all audited) and the one place their senders are
 * authenticated: by the secret's digest, by GitHub's HMAC signature, or by GitLab's token.
 */
@ApplicationScoped
public class IntegrationService {
    static final String SECRET_START = "aiaint_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    ServiceRepository services;

    @Inject
    IncidentService incidents;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** What a new integration is: its sender, its service, and what alerts page or which deployments count. */
    public record Spec(IntegrationKind kind, String name, UUID serviceId, UUID escalationPolicyId, Boolean autoResolveIncidents,
                       String repository, List<String> environments) {
    }

    /** An integration with its secret, which is shown this once. */
    public record WithSecret(Integration integration, String secret) {
    }

    @Transactional
    public WithSecret create(Caller caller, Spec spec) {
        if (services.find(caller.organizationId(), spec.serviceId()).isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "serviceId", "no such service in this organisation");
        }
        if (spec.escalationPolicyId() != null) {
            if (spec.kind().deployments()) {
                throw InvalidRequestException.ofField("validation-failed", "escalationPolicyId", "only alert integrations page");
            }
            incidents.requireEscalationPolicy(caller.organizationId(), spec.escalationPolicyId());
        }
        if (spec.kind().deployments() && (spec.repository() == null || spec.repository().isBlank())) {
            throw InvalidRequestException.ofField("validation-failed", "repository",
                    "is required for " + spec.kind() + ": the repository whose deployments and pushes are this service's");
        }
        if (!spec.kind().deployments() && spec.repository() != null) {
            throw InvalidRequestException.ofField("validation-failed", "repository", "only deployment integrations have a repository");
        }
        List<String> environments = spec.environments() == null || spec.environments().isEmpty() ? List.of("production") : spec.environments();
        Integration integration = new Integration(caller.organizationId(), spec.kind(), spec.name(), spec.serviceId(), spec.escalationPolicyId(),
                spec.autoResolveIncidents() == null || spec.autoResolveIncidents(), spec.repository(), environments, clock.instant());
        String secret = newSecret();
        integration.useSecret(secret, clock.instant());
        em.persist(integration);
        audit.record(caller, "integration.created", "integration", integration.id(), null, snapshot(integration));
        return new WithSecret(integration, secret);
    }

    @Transactional
    public List<Integration> list(Caller caller) {
        return em.createQuery("select i from Integration i order by i.name, i.id", Integration.class).setMaxResults(1000).getResultList();
    }

    @Transactional
    public Integration get(Caller caller, UUID id) {
        return find(id);
    }

    /** A new secret; the old one is refused from now on. */
    @Transactional
    public WithSecret rotate(Caller caller, UUID id) {
        Integration integration = find(id);
        String secret = newSecret();
        integration.useSecret(secret, clock.instant());
        audit.record(caller, "integration.secret-rotated", "integration", id, null, Map.of("at", integration.secretRotatedAt().toString()));
        return new WithSecret(integration, secret);
    }

    @Transactional
    public void remove(Caller caller, UUID id) {
        Integration integration = find(id);
        Map<String, Object> before = snapshot(integration);
        for (String waiting : List.of("PushedCommit", "Delivery")) {
            em.createQuery("delete from " + waiting + " w where w.integrationId = :id").setParameter("id", id).executeUpdate();
        }
        em.remove(integration);
        audit.record(caller, "integration.removed", "integration", id, before, null);
    }

    /** The integration of this kind whose secret this is (any organisation: the secret says which). */
    @Transactional
    public Optional<Integration> bySecret(IntegrationKind kind, String secret) {
        if (secret == null || !secret.startsWith(SECRET_START) || secret.length() > 100) {
            return Optional.empty();
        }
        String digest = hashOf(secret);
        return OrganizationScope.acrossOrganizations(em, () -> em.createQuery(
                        "select i from Integration i where i.secretHash = :digest", Integration.class)
                .setParameter("digest", digest).getResultStream().findFirst()).filter(i -> i.kind() == kind);
    }

    /**
     * The GitHub integration {@code id}, if {@code signature} ({@code X-Hub-Signature-256: sha256=<hex>}) is the HMAC-SHA256
     * of exactly these bytes with its secret; compared in constant time.
     */
    @Transactional
    public Optional<Integration> byGitHubSignature(UUID id, byte[] body, String signature) {
        if (signature == null || !signature.startsWith("sha256=") || signature.length() != 7 + 64) {
            return Optional.empty();
        }
        Optional<Integration> found = OrganizationScope.acrossOrganizations(em, () -> em.createQuery(
                        "select i from Integration i where i.id = :id", Integration.class)
                .setParameter("id", id).getResultStream().findFirst()).filter(i -> i.kind() == IntegrationKind.GITHUB);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = hmacSha256(found.get().signingSecret(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(7));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(expected, given) ? found : Optional.empty();
    }

    /** HMAC-SHA256 of the bytes with the secret, as GitHub signs a delivery. */
    public static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The sender's event was taken: remembered as the integration's last event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void received(UUID id, String event) {
        find(id).received(event, clock.instant());
    }

    /** The sender's event was refused: remembered as the last error, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(UUID id, String error) {
        em.createQuery("select i from Integration i where i.id = :id", Integration.class).setParameter("id", id)
                .getResultStream().findFirst().ifPresent(i -> i.failed(error, clock.instant()));
    }

    Integration find(UUID id) {
        return em.createQuery("select i from Integration i where i.id = :id", Integration.class).setParameter("id", id)
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("integration", id));
    }

    static String hashOf(String secret) {
        return Sha256.hex(secret);
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_START + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, Object> snapshot(Integration i) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("kind", i.kind().name());
        snapshot.put("name", i.name());
        snapshot.put("serviceId", i.serviceId().toString());
        snapshot.put("escalationPolicyId", i.escalationPolicyId() == null ? null : i.escalationPolicyId().toString());
        snapshot.put("autoResolveIncidents", i.autoResolveIncidents());
        snapshot.put("repository", i.repository());
        snapshot.put("environments", String.join(",", i.environments()));
        return snapshot;
    }
}
