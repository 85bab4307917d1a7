package com.aiaops.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notification receiver that fails (500s) or is slow (beyond the sender's timeout): the circuit breaker opens and
 * spares it, closes again once it answers, nothing queued is lost, and the API goes on answering meanwhile.
 */
class ReceiverFaultsIT extends ApiIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    private static String channel(Tenant tenant, Receiver receiver) {
        return as(tenant.adminKey()).body(Map.of("name", "hook", "type", "WEBHOOK", "target", receiver.url()))
                .post("/notification-channels").then().statusCode(201).extract().path("id");
    }

    private static List<String> notify(Tenant tenant, String channelId, int count) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(as(tenant.adminKey()).post("/notification-channels/" + channelId + "/tests").then().statusCode(202).extract().path("id"));
        }
        return sent;
    }

    /** Moves the clock on a minute at a time (the outbox's retry delays) until every notification of the channel is delivered. */
    private static void allDelivered(Tenant tenant, String channelId, int count) {
        long[] minutes = {0};
        eventually(Duration.ofSeconds(120), () -> {
            clockAhead(Duration.ofMinutes(++minutes[0]));
            as(tenant.adminKey()).queryParam("channelId", channelId).queryParam("limit", 200).get("/notifications").then()
                    .body("items", hasSize(count)).body("items.state", everyItem(equalTo("DELIVERED")));
        });
    }

    private static Set<String> acceptedKeys(Receiver receiver) {
        return receiver.accepted().stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet());
    }

    @Test
    void a_receiver_answering_500_opens_the_breaker_which_closes_when_it_recovers_and_nothing_is_lost() throws Exception {
        Tenant tenant = newTenant();
        try (Receiver receiver = new Receiver()) {
            receiver.status.set(500);
            String channelId = channel(tenant, receiver);
            List<String> sent = notify(tenant, channelId, 30);

            // Open: after 20 failed calls in a row, deliveries are not even tried for a while.
            eventually(Duration.ofSeconds(60), () -> as(tenant.adminKey()).queryParam("channelId", channelId).queryParam("limit", 200)
                    .get("/notifications").then().body("items.lastError", hasItem(org.hamcrest.Matchers.containsString("circuit breaker open"))));
            int callsWhileOpen = receiver.hits.get();
            assertTrue(callsWhileOpen < 30 * 3, "the breaker spared the receiver calls: " + callsWhileOpen + " of up to " + 30 * 3);

            // Closed again: the receiver answers, every queued notification arrives, each once.
            receiver.status.set(200);
            // After the breaker's delay (5 s, real time) a trial call goes through and it closes: wait for the deliveries.
            allDelivered(tenant, channelId, sent.size());
            assertEquals(Set.copyOf(sent), acceptedKeys(receiver));
            assertEquals(sent.size(), receiver.accepted().size(), "each notification accepted once");

            // And a new notification goes through on its first attempt.
            clockAhead(Duration.ZERO);
            String fresh = notify(tenant, channelId, 1).get(0);
            eventually(Duration.ofSeconds(20), () -> as(tenant.adminKey()).queryParam("channelId", channelId).queryParam("limit", 200)
                    .get("/notifications").then().body("items.find { it.id == '" + fresh + "' }.state", equalTo("DELIVERED"))
                    .body("items.find { it.id == '" + fresh + "' }.attempts", equalTo(1)));
        }
    }

    @Test
    void a_receiver_that_is_down_gets_every_notification_once_it_is_back() throws Exception {
        Tenant tenant = newTenant();
        int port;
        String channelId;
        try (Receiver gone = new Receiver()) {
            port = gone.port();
            channelId = channel(tenant, gone);
        } // closed: nothing listens on its port any more
        List<String> sent = notify(tenant, channelId, 8);
        eventually(Duration.ofSeconds(30), () -> as(tenant.adminKey()).queryParam("channelId", channelId).queryParam("limit", 200)
                .get("/notifications").then().body("items.state", everyItem(equalTo("PENDING")))
                .body("items.lastError", hasItem(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.containsString("could not reach"),
                        org.hamcrest.Matchers.containsString("circuit breaker open")))));
        try (Receiver back = new Receiver(port)) {
            allDelivered(tenant, channelId, sent.size());
            assertEquals(Set.copyOf(sent), acceptedKeys(back));
            assertEquals(sent.size(), back.accepted().size(), "each notification accepted once");
        }
    }

    @Test
    void a_slow_receiver_times_out_without_starving_the_api_and_gets_everything_once_it_is_fast() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "steady");
        try (Receiver receiver = new Receiver()) {
            receiver.delayMillis.set(7_000); // beyond the sender's 4 s request timeout and 5 s overall timeout
            String channelId = channel(tenant, receiver);
            List<String> sent = notify(tenant, channelId, 20);
            eventually(Duration.ofSeconds(30), () -> assertTrue(receiver.hits.get() > 0));

            // While deliveries hang, the API answers every request within its 3 s timeout.
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/services/" + serviceId))
                        .header("Authorization", "Bearer " + tenant.adminKey()).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
            }
            eventually(Duration.ofSeconds(60), () -> as(tenant.adminKey()).queryParam("channelId", channelId).queryParam("limit", 200)
                    .get("/notifications").then().body("items.lastError", hasItem(org.hamcrest.Matchers.anyOf(
                            org.hamcrest.Matchers.containsString("imeout"), org.hamcrest.Matchers.containsString("timed out")))));

            receiver.delayMillis.set(0);
            allDelivered(tenant, channelId, sent.size());
            // Every notification arrived; one the receiver finished after the sender gave up may arrive twice, with the
            // same Idempotency-Key, so that the receiver can tell.
            assertEquals(Set.copyOf(sent), acceptedKeys(receiver));
        }
    }
}
