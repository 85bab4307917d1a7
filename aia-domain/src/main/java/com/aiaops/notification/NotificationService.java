package com.aiaops.notification;

import com.aiaops.audit.AuditLog;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.OutboundAddresses;
import com.aiaops.access.Caller;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Channels of an organisation, and the outbox: {@link #notify} and {@link #page} write notifications in the
 * caller's transaction, so a notification exists exactly when what caused it was committed.
 */
@ApplicationScoped
public class NotificationService {
    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    TenancyRepository tenancy;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;


    /** A new channel and, for a webhook, the signing secret (shown this once). */
    public record Defined(NotificationChannel channel, String signingSecret) {
    }

    /**
     * Defines a channel. PagerDuty and Opsgenie need the credential their integration gave and may leave the target
     * out (the vendor's public endpoint); every URL must be http(s) and outside private ranges.
     */
    @Transactional
    public Defined define(Caller caller, String name, ChannelType type, String target, String credential) {
        String key = checkedCredential(type, credential);
        String address = target == null || target.isBlank() ? type.defaultTarget() : target.trim();
        if (address == null) {
            throw InvalidRequestException.ofField("validation-failed", "target", "is required for a " + type + " channel");
        }
        if (type != ChannelType.EMAIL) {
            OutboundAddresses.check("target", address);
        } else if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw InvalidRequestException.ofField("validation-failed", "target", "must be an e-mail address");
        }
        if (!em.createQuery("select c.id from NotificationChannel c where c.name = :name", UUID.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictException("name-taken", "A notification channel named '" + name + "' already exists");
        }
        String secret = type == ChannelType.WEBHOOK ? WebhookSignature.newSecret() : null;
        NotificationChannel channel = new NotificationChannel(caller.organizationId(), name, type, address, secret, key, clock.instant());
        em.persist(channel);
        audit.record(caller, "notification-channel.defined", "notification-channel", channel.id(), null,
                Map.of("name", name, "type", type.name(), "target", address));
        return new Defined(channel, secret);
    }

    /** Replaces the routing key or API key of a PagerDuty or Opsgenie channel (the vendor rotated it). */
    @Transactional
    public NotificationChannel replaceCredential(Caller caller, UUID id, String credential) {
        NotificationChannel channel = find(caller.organizationId(), id);
        if (!channel.type().needsCredential()) {
            throw new ConflictException("no-credential", "A " + channel.type() + " channel has no credential");
        }
        channel.replaceCredential(checkedCredential(channel.type(), credential));
        audit.record(caller, "notification-channel.credential-replaced", "notification-channel", id, null, null);
        return channel;
    }

    /**
     * PagerDuty's routing keys are 32 letters and digits; Opsgenie's API keys are UUIDs. A credential given to a
     * channel that takes none is refused rather than kept unused.
     */
    private static String checkedCredential(ChannelType type, String credential) {
        String key = credential == null ? null : credential.strip();
        if (!type.needsCredential()) {
            if (key != null && !key.isEmpty()) {
                throw InvalidRequestException.ofField("validation-failed", "credential", "a " + type + " channel takes no credential");
            }
            return null;
        }
        if (key == null || key.isEmpty()) {
            throw InvalidRequestException.ofField("validation-failed", "credential",
                    "is required: the " + (type == ChannelType.PAGERDUTY ? "integration's routing key" : "API integration's key"));
        }
        boolean valid = type == ChannelType.PAGERDUTY ? key.matches("[A-Za-z0-9]{32}")
                : key.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
        if (!valid) {
            throw InvalidRequestException.ofField("validation-failed", "credential", type == ChannelType.PAGERDUTY
                    ? "a PagerDuty routing key is 32 letters and digits" : "an Opsgenie API key is a UUID (8-4-4-4-12 hex digits)");
        }
        return key;
    }

    /** Refuses (400, field {@code channelIds}) any id that is not a channel of the organisation. */
    @Transactional
    public void requireChannels(UUID organizationId, java.util.Collection<UUID> channelIds) {
        for (UUID channelId : channelIds) {
            if (em.createQuery("select c.id from NotificationChannel c where c.organizationId = :org and c.id = :id", UUID.class)
                    .setParameter("org", organizationId).setParameter("id", channelId).getResultList().isEmpty()) {
                throw InvalidRequestException.ofField("validation-failed", "channelIds", "no such notification channel: " + channelId);
            }
        }
    }

    @Transactional
    public List<NotificationChannel> channels(Caller caller) {
        return em.createQuery("select c from NotificationChannel c order by c.name", NotificationChannel.class)
                .setMaxResults(500).getResultList();
    }

    @Transactional
    public NotificationChannel channel(Caller caller, UUID id) {
        return find(caller.organizationId(), id);
    }

    @Transactional
    public String rotateSecret(Caller caller, UUID id) {
        NotificationChannel channel = find(caller.organizationId(), id);
        if (channel.type() != ChannelType.WEBHOOK) {
            throw new ConflictException("not-signed", "Only webhook channels are signed");
        }
        String secret = WebhookSignature.newSecret();
        channel.rotateSecret(secret);
        audit.record(caller, "notification-channel.secret-rotated", "notification-channel", id, null, null);
        return secret;
    }

    /** Removes the channel; what it still had to deliver is muted (kept, with the reason), not sent unsigned. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        NotificationChannel channel = find(caller.organizationId(), id);
        em.createQuery("update Notification n set n.state = :muted, n.nextAttemptAt = null, n.lastError = 'channel deleted' "
                        + "where n.channelId = :channel and n.state = :pending")
                .setParameter("muted", Notification.State.MUTED).setParameter("pending", Notification.State.PENDING)
                .setParameter("channel", id).executeUpdate();
        audit.record(caller, "notification-channel.deleted", "notification-channel", id,
                Map.of("name", channel.name(), "type", channel.type().name()), null);
        em.remove(channel);
    }

    /** Puts a test message for the channel in the outbox. */
    @Transactional
    public Notification sendTest(Caller caller, UUID channelId) {
        NotificationChannel channel = find(caller.organizationId(), channelId);
        Message message = new Message("channel.test", "Test notification from AIA Ops", Map.of("channel", channel.name()),
                "notification-channel", channelId);
        return enqueue(caller.organizationId(), channel.id(), channel.type(), channel.target(), message, null);
    }

    /**
     * Addresses the message to each channel of the organisation named (unknown ids are skipped: a channel deleted
     * after a rule named it). With a mute reason the notifications are recorded as muted and never sent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> notify(UUID organizationId, Collection<UUID> channelIds, Message message, String muteReason) {
        List<Notification> written = new ArrayList<>();
        for (UUID channelId : channelIds) {
            NotificationChannel channel = em.find(NotificationChannel.class, channelId);
            if (channel != null && channel.organizationId().equals(organizationId)) {
                written.add(enqueue(organizationId, channel.id(), channel.type(), channel.target(), message, muteReason));
            }
        }
        return written;
    }

    /** Pages members of the organisation by e-mail (an erased member has no address left and is skipped). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> page(UUID organizationId, Collection<UUID> memberIds, Message message) {
        List<Notification> written = new ArrayList<>();
        for (UUID memberId : memberIds) {
            tenancy.member(organizationId, memberId).map(Member::account)
                    .filter(account -> account.erasedAt() == null)
                    .ifPresent(account -> written.add(enqueue(organizationId, null, ChannelType.EMAIL, account.email(), message, null)));
        }
        return written;
    }

    /**
     * Addresses the message to one e-mail address or webhook URL that is not a channel (a status page subscriber);
     * with an unsubscribe address, the mail carries it (RFC 8058 one-click) and so does the webhook's document.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Notification toAddress(UUID organizationId, ChannelType type, String target, Message message, String unsubscribeUrl) {
        if (type != ChannelType.EMAIL && type != ChannelType.WEBHOOK) {
            throw new IllegalArgumentException("subscribers are reached by e-mail or webhook");
        }
        return enqueue(organizationId, null, type, target, message, null,
                unsubscribeUrl == null ? Map.of() : Map.of(UNSUBSCRIBE, unsubscribeUrl));
    }

    /** The document field that holds a subscriber's unsubscribe address. */
    static final String UNSUBSCRIBE = "unsubscribeUrl";

    /** The organisation's notifications, newest first, optionally about one thing or to one channel. */
    @Transactional
    public List<Notification> list(Caller caller, UUID sourceId, UUID channelId, Notification.State state, int max) {
        StringBuilder jpql = new StringBuilder("select n from Notification n where n.organizationId = :org");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("org", caller.organizationId());
        if (sourceId != null) {
            jpql.append(" and n.sourceId = :source");
            parameters.put("source", sourceId);
        }
        if (channelId != null) {
            jpql.append(" and n.channelId = :channel");
            parameters.put("channel", channelId);
        }
        if (state != null) {
            jpql.append(" and n.state = :state");
            parameters.put("state", state);
        }
        var query = em.createQuery(jpql.append(" order by n.id desc").toString(), Notification.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(max).getResultList();
    }

    private Notification enqueue(UUID organizationId, UUID channelId, ChannelType type, String target, Message message,
                                 String muteReason) {
        return enqueue(organizationId, channelId, type, target, message, muteReason, Map.of());
    }

    private Notification enqueue(UUID organizationId, UUID channelId, ChannelType type, String target, Message message,
                                 String muteReason, Map<String, String> extra) {
        Instant now = clock.instant();
        Map<String, Object> document = new LinkedHashMap<>();
        Notification notification = new Notification(organizationId, channelId, type, target, message.event(), message.subject(),
                message.sourceType(), message.sourceId(), now);
        document.put("id", notification.id().toString());
        document.put("event", message.event());
        document.put("organizationId", organizationId.toString());
        document.put("occurredAt", now.toString());
        document.put("subject", message.subject());
        document.put("details", message.details());
        document.putAll(extra);
        notification.carry(JSON.toJson(document)); // the document names the notification's own id
        if (muteReason != null) {
            notification.mute(muteReason);
        }
        em.persist(notification);
        return notification;
    }

    private NotificationChannel find(UUID organizationId, UUID id) {
        return em.createQuery("select c from NotificationChannel c where c.organizationId = :org and c.id = :id", NotificationChannel.class)
                .setParameter("org", organizationId).setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("notification channel", id));
    }
}
