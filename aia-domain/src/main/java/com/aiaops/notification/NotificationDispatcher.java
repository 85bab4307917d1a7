package com.aiaops.notification;

import com.aiaops.access.OrganizationScope;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/**
 * Every node looks for due notifications every 2 seconds and claims each one in the database, so it is sent
 * by one node; sends run on the managed executor, in the notification's organisation. A failed attempt is scheduled again with a growing delay:
 * a receiver that is down delays its notifications, it never loses them. Every attempt carries the
 * notification's id as {@code Idempotency-Key}, so a receiver can drop the rare repeat (a node dying between
 * the receiver's answer and the record of it).
 */
@Singleton
public class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 200;
    private static final jakarta.json.bind.Jsonb JSON = jakarta.json.bind.JsonbBuilder.create();

    @Inject
    NotificationOutbox outbox;

    @Inject
    ChannelSender sender;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;


    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false, info = "notification outbox")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void dispatchDue() {
        Instant now = clock.instant();
        for (NotificationOutbox.Due due : outbox.due(now, BATCH)) {
            if (!outbox.claim(due, now)) {
                continue; // another node has it
            }
            try {
                executor.submit(() -> OrganizationScope.within(due.organizationId(), () -> attempt(due)));
            } catch (RejectedExecutionException e) {
                outbox.failed(due.id(), "the sender was saturated");
            }
        }
    }

    private void attempt(NotificationOutbox.Due due) {
        try {
            Notification notification = outbox.load(due.id());
            send(notification);
            outbox.delivered(notification.id());
        } catch (DeliveryFailure | FaultToleranceException | com.aiaops.shared.InvalidRequestException e) {
            LOG.debugf("Notification %s not delivered yet: %s", due.id(), e.getMessage());
            outbox.failed(due.id(), reason(e));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Notification %s failed unexpectedly; it will be tried again", due.id());
            outbox.failed(due.id(), reason(e));
        }
    }

    private void send(Notification n) {
        switch (n.channelType()) {
            case WEBHOOK -> {
                byte[] body = n.payload().getBytes(StandardCharsets.UTF_8);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Idempotency-Key", n.id().toString());
                headers.put("X-AIA-Event", n.event());
                String secret = secretOf(n);
                if (secret != null) {
                    headers.put(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
                }
                sender.postJson(checkedUrl(n), body, headers);
            }
            case SLACK -> {
                String text = JSON.toJson(Map.of("text", textOf(n)));
                sender.postJson(checkedUrl(n), text.getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", n.id().toString()));
            }
            case EMAIL -> {
                String unsubscribe = unsubscribeOf(n);
                Map<String, String> headers = new LinkedHashMap<>();
                String text = textOf(n);
                if (unsubscribe != null) {
                    // RFC 8058: a mail client's one-click unsubscribe POSTs to the address.
                    headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
                    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                    text = text + "\nUnsubscribe: " + unsubscribe;
                }
                sender.sendMail(n.target(), "[AIA Ops] " + n.subject(), text, n.id().toString(), headers);
            }
            case PAGERDUTY -> {
                VendorPayloads.Request request = VendorPayloads.pagerDuty(n, credentialOf(n));
                sender.postJson(checkedUrl(n), request.body().getBytes(StandardCharsets.UTF_8), Map.of());
            }
            case OPSGENIE -> {
                VendorPayloads.Request request = VendorPayloads.opsgenie(n);
                URI url = com.aiaops.shared.OutboundAddresses.check("target", stripSlash(n.target()) + request.path());
                sender.postJson(url, request.body().getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "GenieKey " + credentialOf(n)));
            }
            case TEAMS -> sender.postJson(checkedUrl(n), VendorPayloads.teams(n).body().getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** Checked at every attempt, not only when the channel was made: a name may resolve elsewhere by now. */
    private URI checkedUrl(Notification n) {
        return com.aiaops.shared.OutboundAddresses.check("target", n.target());
    }

    private static String stripSlash(String target) {
        return target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    }

    /** The channel's current credential: a key replaced after the notification was written is the one sent. */
    private String credentialOf(Notification n) {
        NotificationChannel channel = n.channelId() == null ? null : outbox.channel(n.channelId());
        if (channel == null || channel.credential() == null) {
            throw new DeliveryFailure("the channel has no credential any more");
        }
        return channel.credential();
    }

    private String secretOf(Notification n) {
        NotificationChannel channel = n.channelId() == null ? null : outbox.channel(n.channelId());
        return channel == null ? null : channel.signingSecret();
    }

    @SuppressWarnings("unchecked")
    private static String unsubscribeOf(Notification n) {
        Object url = JSON.fromJson(n.payload(), Map.class).get(NotificationService.UNSUBSCRIBE);
        return url instanceof String text ? text : null;
    }

    @SuppressWarnings("unchecked")
    private static String textOf(Notification n) {
        Map<String, Object> document = JSON.fromJson(n.payload(), Map.class);
        Object details = document.get("details");
        Message message = new Message(n.event(), n.subject(), details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
                n.sourceType(), n.sourceId());
        return message.asText() + "\n\nNotification " + n.id();
    }

    private static String reason(RuntimeException e) {
        if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
            return "not tried: circuit breaker open after repeated failures of every receiver";
        }
        if (e instanceof com.aiaops.shared.InvalidRequestException invalid && !invalid.violations().isEmpty()) {
            return "refused address: " + invalid.violations().get(0).message();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
