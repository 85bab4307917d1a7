package com.aiaops.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationTest {
    @Test
    void retriesBackOffByDoublingUpToTenMinutes() {
        assertEquals(Duration.ofSeconds(10), Notification.retryDelay(1));
        assertEquals(Duration.ofSeconds(20), Notification.retryDelay(2));
        assertEquals(Duration.ofSeconds(40), Notification.retryDelay(3));
        assertEquals(Duration.ofSeconds(640), Notification.retryDelay(7).plusSeconds(40)); // 600 s is the cap
        assertEquals(Duration.ofMinutes(10), Notification.retryDelay(8));
        assertEquals(Duration.ofMinutes(10), Notification.retryDelay(1_000));
    }

    @Test
    void theSignatureIsTheHmacOfTheExactBody() {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        // Computed independently: printf '{"id":"1"}' | openssl dgst -sha256 -hmac key
        assertEquals("sha256=77cb8fd154ecfa2865657b2915c997c624ee47fe122e8a8bb91b10a09b47fb3c", WebhookSignature.sign("key", body));
        assertEquals(WebhookSignature.sign("key", body), WebhookSignature.sign("key", body.clone()));
        assertNotEquals(WebhookSignature.sign("key", body), WebhookSignature.sign("other", body));
        assertNotEquals(WebhookSignature.sign("key", body), WebhookSignature.sign("key", "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(WebhookSignature.newSecret().startsWith("whsec_"));
    }

    @Test
    void textListsTheDetailsInOrder() {
        Message message = new Message("alert.firing", "p95 above 500 ms", Map.of("value", 812, "service", "checkout"), "alert", null);
        assertEquals("p95 above 500 ms\nservice: checkout\nvalue: 812", message.asText());
    }
}
