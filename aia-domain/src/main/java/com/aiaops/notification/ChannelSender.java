package com.aiaops.notification;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Sends one attempt of a notification, guarded by MicroProfile Fault Tolerance: each try is bounded in time,
 * quick transient failures are retried at once with a short backoff, and a bulkhead bounds how many sends run at
 * once on a node. The circuit breakers (one for HTTP, one for mail) are shared by every organisation, so they open
 * only when every recent attempt failed (the network or the relay is down), not because one receiver is: a single
 * dead receiver is slowed by the outbox's own growing delay instead. Whatever fails goes back to the outbox.
 */
@ApplicationScoped
public class ChannelSender {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead to an internal address
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    @Resource(lookup = "java:jboss/mail/Default")
    Session mail;

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = DeliveryFailure.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 1.0, delay = 5, delayUnit = ChronoUnit.SECONDS, successThreshold = 1)
    @Bulkhead(16)
    public void postJson(URI url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(4))
                .header("Content-Type", "application/json").header("User-Agent", "aia-ops-notifications/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryFailure("the receiver answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new DeliveryFailure("could not reach the receiver: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", e);
        }
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 500, retryOn = DeliveryFailure.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 1.0, delay = 10, delayUnit = ChronoUnit.SECONDS, successThreshold = 1)
    @Bulkhead(4)
    public void sendMail(String to, String subject, String text, String idempotencyKey, Map<String, String> headers) {
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setRecipients(RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            // The receiving side (or a person) can tell a repeat from a new notification.
            message.setHeader("X-AIA-Idempotency-Key", idempotencyKey);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            Transport.send(message);
        } catch (MessagingException e) {
            throw new DeliveryFailure("the mail relay refused or could not be reached: " + e.getMessage(), e);
        }
    }
}
