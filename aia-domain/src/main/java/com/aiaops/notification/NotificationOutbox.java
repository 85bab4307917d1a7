package com.aiaops.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox's database steps, each a short transaction of its own: which notifications are due, claiming one
 * (a conditional update, so one node of the cluster sends it), and recording how the attempt went.
 */
@ApplicationScoped
public class NotificationOutbox {
    /** How long a claim holds: a node that dies mid-send leaves the notification to be retried after this. */
    static final Duration LEASE = Duration.ofSeconds(60);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    Clock clock;

    public record Due(UUID organizationId, UUID id, Instant nextAttemptAt, ChannelType channelType) {
    }

    @Transactional
    public List<Due> due(Instant now, int max) {
        return em.createQuery("select new com.aiaops.notification.NotificationOutbox$Due(n.organizationId, n.id, n.nextAttemptAt, n.channelType) from Notification n "
                        + "where n.state = :pending and n.nextAttemptAt <= :now order by n.nextAttemptAt", Due.class)
                .setParameter("pending", Notification.State.PENDING).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /**
     * Takes the attempt if no other node has: moves its due time past the lease and counts the attempt. To a receiver
     * that keeps state per alert, a notification waits while an earlier one about the same thing is still pending
     * (being sent or waiting for a retry), so an acknowledge or a resolve never overtakes its trigger.
     */
    @Transactional
    public boolean claim(Due due, Instant now) {
        if (due.channelType().mirrorsState() && waitsForEarlier(due.id())) {
            return false;
        }
        return em.createQuery("update Notification n set n.nextAttemptAt = :lease, n.attempts = n.attempts + 1 "
                        + "where n.id = :id and n.state = :pending and n.nextAttemptAt = :seen")
                .setParameter("lease", now.plus(LEASE)).setParameter("id", due.id())
                .setParameter("pending", Notification.State.PENDING).setParameter("seen", due.nextAttemptAt())
                .executeUpdate() == 1;
    }

    private boolean waitsForEarlier(UUID id) {
        return em.createQuery("select count(o) from Notification o, Notification n where n.id = :id "
                        + "and o.channelId = n.channelId and o.sourceId = n.sourceId and o.state = :pending "
                        + "and (o.createdAt < n.createdAt or (o.createdAt = n.createdAt and o.id < n.id))", Long.class)
                .setParameter("id", id).setParameter("pending", Notification.State.PENDING).getSingleResult() > 0;
    }

    @Transactional
    public Notification load(UUID id) {
        Notification notification = em.find(Notification.class, id);
        em.detach(notification);
        return notification;
    }

    @Transactional
    public void delivered(UUID id) {
        em.find(Notification.class, id).delivered(clock.instant());
    }

    @Transactional
    public void failed(UUID id, String error) {
        em.find(Notification.class, id).failed(clock.instant(), error);
    }

    /** The channel, if it still exists (a deleted channel's webhooks go unsigned rather than unsent). */
    @Transactional
    public NotificationChannel channel(UUID id) {
        NotificationChannel channel = em.find(NotificationChannel.class, id);
        if (channel != null) {
            em.detach(channel);
        }
        return channel;
    }
}
