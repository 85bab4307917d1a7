package com.aiaops.statuspage;

import com.aiaops.access.Caller;
import com.aiaops.audit.AuditLog;
import com.aiaops.incident.PublicIncidentUpdate;
import com.aiaops.maintenance.MaintenanceAnnounced;
import com.aiaops.notification.ChannelType;
import com.aiaops.notification.Message;
import com.aiaops.notification.NotificationService;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.OutboundAddresses;
import com.aiaops.shared.Sha256;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Status page subscriptions: visitors subscribe by e-mail (confirmed by a link sent to the address: double opt-in) or
 * by webhook, to every component or some; confirmed subscribers hear of public incident updates and announced
 * maintenance through the notification outbox, each message with its one-click unsubscribe address.
 */
@ApplicationScoped
public class StatusSubscriptions {
    static final int MOST_SUBSCRIBERS = 10_000;

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    TenancyRepository tenancy;

    @Inject
    StatusComponents components;

    @Inject
    NotificationService notifications;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The organisation whose page has this slug (its id, to enter it). */
    @Transactional
    public UUID pageOf(String slug) {
        return tenancy.organizationBySlug(slug).map(Organization::id).orElseThrow(() -> new NotFoundException("status page", slug));
    }

    /**
     * Subscribes; called in the page's organisation. A repeated subscription of an address is not a second one: a pending
     * e-mail gets a new confirmation, a confirmed one is left as it was (and the answer does not tell which).
     */
    @Transactional
    public void subscribe(UUID organizationId, StatusSubscriber.Kind kind, String address, List<String> componentNames, String linksBase) {
        String target = address == null ? "" : address.strip();
        if (kind == StatusSubscriber.Kind.EMAIL) {
            if (!target.matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+") || target.length() > 254) {
                throw InvalidRequestException.ofField("validation-failed", "email", "must be an e-mail address");
            }
        } else {
            OutboundAddresses.check("webhookUrl", target);
        }
        Map<String, UUID> byName = new LinkedHashMap<>();
        components.of(organizationId).forEach(c -> byName.put(c.name(), c.serviceId()));
        List<UUID> services = new ArrayList<>();
        for (String name : componentNames == null ? List.<String>of() : componentNames) {
            UUID service = byName.get(name);
            if (service == null) {
                throw InvalidRequestException.ofField("validation-failed", "components", "no component named '" + name + "' on this page");
            }
            services.add(service);
        }
        Optional<StatusSubscriber> existing = em.createQuery("select s from StatusSubscriber s where s.kind = :kind and s.address = :address",
                StatusSubscriber.class).setParameter("kind", kind).setParameter("address", target).getResultStream().findFirst();
        if (existing.isPresent() && existing.get().confirmed()) {
            return;
        }
        existing.ifPresent(em::remove);
        em.flush();
        String confirmToken = kind == StatusSubscriber.Kind.EMAIL ? token() : null;
        StatusSubscriber subscriber = new StatusSubscriber(organizationId, kind, target, services,
                confirmToken == null ? null : Sha256.hex(confirmToken), token(), linksBase, clock.instant());
        em.persist(subscriber);
        String slug = tenancy.organization(organizationId).map(Organization::slug).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("page", pageUrl(subscriber, slug));
        details.put("components", componentNames == null || componentNames.isEmpty() ? "all" : String.join(", ", componentNames));
        if (confirmToken != null) {
            details.put("confirm", subscriber.linksBase() + "status-pages/" + slug + "/subscriptions/confirm?token=" + confirmToken);
            notifications.toAddress(organizationId, ChannelType.EMAIL, target, new Message("status.subscription-confirm",
                    "Confirm your subscription to the status of " + slug, details, "status-subscriber", subscriber.id()), null);
        } else {
            notifications.toAddress(organizationId, ChannelType.WEBHOOK, target, new Message("status.subscription-confirmed",
                    "Subscribed to the status of " + slug, details, "status-subscriber", subscriber.id()), unsubscribeUrl(subscriber, slug));
        }
    }

    /** Confirms the e-mail address whose confirmation token this is (called outside any organisation). */
    @Transactional
    public boolean confirm(String token) {
        if (!com.aiaops.shared.SecretTokens.isWellFormed(token)) {
            return false;
        }
        Optional<StatusSubscriber> subscriber = em.createQuery("select s from StatusSubscriber s where s.confirmDigest = :digest",
                StatusSubscriber.class).setParameter("digest", Sha256.hex(token)).getResultStream().findFirst();
        subscriber.ifPresent(s -> s.confirm(clock.instant()));
        return subscriber.isPresent();
    }

    /** Removes the subscriber whose unsubscribe token this is (called outside any organisation); idempotent. */
    @Transactional
    public boolean unsubscribe(String token) {
        if (!com.aiaops.shared.SecretTokens.isWellFormed(token)) {
            return false;
        }
        Optional<StatusSubscriber> subscriber = em.createQuery("select s from StatusSubscriber s where s.unsubscribeToken = :token",
                StatusSubscriber.class).setParameter("token", token).getResultStream().findFirst();
        subscriber.ifPresent(em::remove);
        return subscriber.isPresent();
    }

    @Transactional
    public List<StatusSubscriber> list(Caller caller) {
        return em.createQuery("select s from StatusSubscriber s order by s.createdAt, s.id", StatusSubscriber.class)
                .setMaxResults(MOST_SUBSCRIBERS).getResultList();
    }

    @Transactional
    public void remove(Caller caller, UUID id) {
        StatusSubscriber subscriber = em.createQuery("select s from StatusSubscriber s where s.id = :id", StatusSubscriber.class)
                .setParameter("id", id).getResultStream().findFirst().orElseThrow(() -> new NotFoundException("status subscriber", id));
        em.remove(subscriber);
        audit.record(caller, "status-subscriber.removed", "status-subscriber", id, Map.of("kind", subscriber.kind().name()), null);
    }

    /** A public incident update reaches the confirmed subscribers of its components, in the update's transaction. */
    void incidentUpdated(@Observes PublicIncidentUpdate update) {
        String title = update.publicTitle() == null ? "An incident" : update.publicTitle();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incident", title);
        details.put("state", update.state());
        details.put("update", update.text());
        details.put("at", update.at().toString());
        tell(update.organizationId(), update.serviceIds(), new Message("status.incident-update", title + " — " + update.state(), details,
                "incident", update.incidentId()));
    }

    /** An announced maintenance reaches the confirmed subscribers of its component (or all, for every component). */
    void maintenanceAnnounced(@Observes MaintenanceAnnounced announced) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("maintenance", announced.title());
        details.put("startsAt", announced.startsAt().toString());
        details.put("endsAt", announced.endsAt().toString());
        tell(announced.organizationId(), announced.serviceId() == null ? List.of() : List.of(announced.serviceId()),
                new Message("status.maintenance-announced", "Maintenance: " + announced.title(), details, "maintenance-window",
                        announced.windowId()));
    }

    private void tell(UUID organizationId, List<UUID> about, Message message) {
        String slug = tenancy.organization(organizationId).map(Organization::slug).orElseThrow();
        List<StatusSubscriber> subscribers = em.createQuery("select s from StatusSubscriber s where s.organizationId = :org "
                + "and s.confirmedAt is not null order by s.id", StatusSubscriber.class).setParameter("org", organizationId)
                .setMaxResults(MOST_SUBSCRIBERS).getResultList();
        for (StatusSubscriber subscriber : subscribers) {
            if (subscriber.follows(about)) {
                Map<String, Object> details = new LinkedHashMap<>(message.details());
                details.put("page", pageUrl(subscriber, slug));
                notifications.toAddress(organizationId, subscriber.kind() == StatusSubscriber.Kind.EMAIL ? ChannelType.EMAIL
                                : ChannelType.WEBHOOK, subscriber.address(),
                        new Message(message.event(), message.subject(), details, message.sourceType(), message.sourceId()),
                        unsubscribeUrl(subscriber, slug));
            }
        }
    }

    private static String unsubscribeUrl(StatusSubscriber subscriber, String slug) {
        return subscriber.linksBase() + "status-pages/" + URLEncoder.encode(slug, StandardCharsets.UTF_8)
                + "/subscriptions/unsubscribe?token=" + subscriber.unsubscribeToken();
    }

    /** The HTML page: at /status/{slug} beside the API's /api/v1/. */
    private static String pageUrl(StatusSubscriber subscriber, String slug) {
        return subscriber.linksBase().replaceFirst("api/v1/?$", "") + "status/" + slug;
    }

    private static String token() {
        return com.aiaops.shared.SecretTokens.newToken(32);
    }
}
