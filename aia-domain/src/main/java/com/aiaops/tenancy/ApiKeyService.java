package com.aiaops.tenancy;

import com.aiaops.access.Caller;
import com.aiaops.access.Role;

import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.shared.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API keys: issued (the secret shown once), listed, revoked, rotated, and used to authenticate.
 * A token reads {@code aia_<prefix>_<secret>}; the prefix finds the key, the secret's digest proves it.
 */
@ApplicationScoped
public class ApiKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TOKEN_START = "aia_";

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    com.aiaops.shared.ClusterCaches caches;

    @Inject
    Clock clock;

    /** This bean through its proxy, so that the transaction of {@link #authenticateStored} applies. */
    @Inject
    ApiKeyService self;

    @Inject
    @ConfigProperty(name = "aia.rate-limit.default-per-minute", defaultValue = "600")
    int defaultRateLimitPerMinute;

    @Transactional
    public IssuedKey issue(Caller caller, String name, Role scope, Instant expiresAt, Integer rateLimitPerMinute) {
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidRequestException("validation-failed", "expiresAt must be in the future",
                    List.of(new InvalidRequestException.Violation("expiresAt", "must be in the future")));
        }
        return issueUnchecked(caller, name, scope, expiresAt,
                rateLimitPerMinute == null ? defaultRateLimitPerMinute : rateLimitPerMinute, "api-key.issued");
    }

    private IssuedKey issueUnchecked(Caller caller, String name, Role scope, Instant expiresAt, int rateLimit, String action) {
        String prefix = randomToken(9).substring(0, 12).replace('-', 'x').replace('_', 'y');
        String secret = randomToken(32);
        String token = TOKEN_START + prefix + "_" + secret;
        ApiKey key = new ApiKey(caller.organizationId(), name, prefix, Sha256.hex(token), scope, rateLimit,
                clock.instant(), caller.auditActor(), expiresAt);
        em.persist(key);
        audit.record(caller, action, "api-key", key.id(), null, snapshot(key));
        return new IssuedKey(key, token);
    }

    @Transactional
    public Page<ApiKey> list(Caller caller, PageRequest page) {
        UUID after = page.afterKey() == null ? null : Ids.parse(page.afterKey(), "cursor");
        return page.toPage(com.aiaops.shared.Keyset.pageAfter(em, ApiKey.class, "id", after,
                page.limit() + 1), k -> k.id().toString());
    }

    @Transactional
    public ApiKey get(Caller caller, UUID id) {
        return find(caller, id);
    }

    @Transactional
    public ApiKey revoke(Caller caller, UUID id) {
        ApiKey key = find(caller, id);
        if (key.revokedAt() == null) {
            Map<String, Object> before = snapshot(key);
            key.revoke(clock.instant());
            forget(key);
            audit.record(caller, "api-key.revoked", "api-key", key.id(), before, snapshot(key));
        }
        return key;
    }

    /** A new key with the same name, scope and limit; the old one keeps working for the grace period. */
    @Transactional
    public IssuedKey rotate(Caller caller, UUID id, Duration gracePeriod) {
        ApiKey old = find(caller, id);
        Instant now = clock.instant();
        if (!old.isUsableAt(now)) {
            throw new ConflictException("key-not-active", "Only an active key can be rotated; this one is " + old.status(now));
        }
        IssuedKey successor = issueUnchecked(caller, old.name(), old.scope(), old.expiresAt(), old.rateLimitPerMinute(), "api-key.issued");
        Map<String, Object> before = snapshot(old);
        old.replaceBy(successor.key().id(), now.plus(gracePeriod));
        forget(old);
        audit.record(caller, "api-key.rotated", "api-key", old.id(), before, snapshot(old));
        return successor;
    }

    /**
     * The caller a bearer token stands for, if it is a valid, unrevoked, unexpired key. Keys found are cached
     * cluster-wide by the token's digest for a minute; revocation and rotation remove the entry, so they take
     * effect at once on every node.
     */
    /** An ADMIN key's use is audited at most this often. */
    static final java.time.Duration ADMIN_USE_AUDIT_INTERVAL = java.time.Duration.ofHours(1);

    public Optional<AuthenticatedKey> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_START) || token.length() > 200) {
            return Optional.empty();
        }
        String digest = Sha256.hex(token);
        Instant now = clock.instant();
        String cached = caches.queries().get(cacheKey(digest));
        if (cached != null) {
            // The common case needs no transaction: beginning and ending one cost more than the rest of this check.
            CachedKey key = CachedKey.parse(cached);
            if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
                return Optional.empty();
            }
            return Optional.of(new AuthenticatedKey(new Caller(key.organizationId(), key.scope(), Caller.ActorKind.API_KEY, key.id()),
                    key.rateLimitPerMinute()));
        }
        return self.authenticateStored(token, digest, now);
    }

    /** {@link #authenticate} when the key is not cached: found by its prefix, its use recorded, then cached. */
    @Transactional
    public Optional<AuthenticatedKey> authenticateStored(String token, String digest, Instant now) {
        int separator = token.indexOf('_', TOKEN_START.length());
        if (separator < 0) {
            return Optional.empty();
        }
        String prefix = token.substring(TOKEN_START.length(), separator);
        Optional<ApiKey> found = em.createQuery("select k from ApiKey k where k.prefix = :prefix", ApiKey.class)
                .setParameter("prefix", prefix).getResultStream().findFirst();
        if (found.isEmpty() || !digestMatches(found.get(), token) || !found.get().isUsableAt(now)) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minusSeconds(60))) {
            // A bulk update, not a dirty entity: concurrent requests with one key must not clash on its version.
            em.createQuery("update ApiKey k set k.lastUsedAt = :now where k.id = :id")
                    .setParameter("now", now).setParameter("id", key.id()).executeUpdate();
        }
        if (key.scope() == Role.ADMIN && em.createQuery("update ApiKey k set k.lastAuditedUseAt = :now where k.id = :id "
                        + "and (k.lastAuditedUseAt is null or k.lastAuditedUseAt < :due)")
                .setParameter("now", now).setParameter("id", key.id()).setParameter("due", now.minus(ADMIN_USE_AUDIT_INTERVAL))
                .executeUpdate() == 1) {
            // An ADMIN key can do anything: its use goes into the trail (at most hourly, so the trail records use, not traffic).
            audit.record(new Caller(key.organizationId(), key.scope(), Caller.ActorKind.API_KEY, key.id()), "api-key.used", "api-key",
                    key.id(), null, java.util.Map.of("name", key.name()));
        }
        caches.queries().put(cacheKey(digest), new CachedKey(key.id(), key.organizationId(), key.scope(), key.rateLimitPerMinute(),
                key.expiresAt()).format(), 60, java.util.concurrent.TimeUnit.SECONDS);
        return Optional.of(new AuthenticatedKey(new Caller(key.organizationId(), key.scope(), Caller.ActorKind.API_KEY, key.id()),
                key.rateLimitPerMinute()));
    }

    private void forget(ApiKey key) {
        caches.queries().remove(cacheKey(key.secretDigest()));
    }

    private static String cacheKey(String digest) {
        return "api-key|" + digest;
    }

    /** What authentication needs of a key, as one string any node can read. */
    record CachedKey(UUID id, UUID organizationId, Role scope, int rateLimitPerMinute, Instant expiresAt) {
        String format() {
            return id + "|" + organizationId + "|" + scope + "|" + rateLimitPerMinute + "|" + (expiresAt == null ? "" : expiresAt);
        }

        static CachedKey parse(String text) {
            String[] p = text.split("\\|", -1);
            return new CachedKey(UUID.fromString(p[0]), UUID.fromString(p[1]), Role.valueOf(p[2]), Integer.parseInt(p[3]),
                    p[4].isEmpty() ? null : Instant.parse(p[4]));
        }
    }

    private static boolean digestMatches(ApiKey key, String token) {
        return MessageDigest.isEqual(key.secretDigest().getBytes(StandardCharsets.US_ASCII),
                Sha256.hex(token).getBytes(StandardCharsets.US_ASCII));
    }

    private ApiKey find(Caller caller, UUID id) {
        return em.createQuery("select k from ApiKey k where k.id = :id", ApiKey.class)
                .setParameter("id", id)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("API key", id));
    }

    private static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    static Map<String, Object> snapshot(ApiKey key) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", key.name());
        state.put("prefix", key.prefix());
        state.put("scope", key.scope().name());
        state.put("rateLimitPerMinute", key.rateLimitPerMinute());
        state.put("expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString());
        state.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return state;
    }

    /** A newly issued key and its token: the only moment the token exists outside the caller's hands. */
    public record IssuedKey(ApiKey key, String token) {
    }

    public record AuthenticatedKey(Caller caller, int rateLimitPerMinute) {
    }
}
