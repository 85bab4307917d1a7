package com.aiaops.it;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channels and the outbox: signed webhooks, Slack, e-mail, and delivery through a receiver that is down for a while. */
class NotificationIT extends ApiIT {

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEveryNotificationOnceItIsUpAgain() throws Exception {
        Tenant tenant = newTenant();
        try (Receiver receiver = new Receiver()) {
            receiver.status.set(503);
            var channel = as(tenant.adminKey())
                    .body(Map.of("name", "ops-hook", "type", "WEBHOOK", "target", receiver.url()))
                    .post("/notification-channels").then().statusCode(201)
                    .body("signingSecret", notNullValue()).extract().jsonPath();
            String channelId = channel.getString("id");
            String secret = channel.getString("signingSecret");

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(as(tenant.adminKey()).post("/notification-channels/" + channelId + "/tests")
                        .then().statusCode(202).body("state", equalTo("PENDING")).extract().path("id"));
            }

            // Down: every notification is tried, refused, and kept with the reason and a later attempt.
            eventually(Duration.ofSeconds(30), () -> as(tenant.adminKey()).queryParam("channelId", channelId).get("/notifications")
                    .then().statusCode(200).body("items", hasSize(5))
                    .body("items.state", everyItem(equalTo("PENDING")))
                    .body("items.attempts", everyItem(greaterThanOrEqualTo(1)))
                    .body("items.lastError", everyItem(anyOf(containsString("HTTP 503"), containsString("circuit breaker open")))));
            assertTrue(receiver.accepted().isEmpty());

            // Up again: the retries (moved ahead by the clock, not waited for) deliver every one.
            receiver.status.set(200);
            long[] minutes = {0};
            eventually(Duration.ofSeconds(90), () -> {
                clockAhead(Duration.ofMinutes(++minutes[0]));
                as(tenant.adminKey()).queryParam("channelId", channelId).get("/notifications")
                        .then().body("items.state", everyItem(equalTo("DELIVERED")));
            });

            // Once each: one accepted request per notification, with its id as idempotency key, signed with the secret.
            Map<String, Long> acceptedPerKey = receiver.accepted().stream()
                    .collect(Collectors.groupingBy(r -> r.header("Idempotency-Key"), Collectors.counting()));
            assertEquals(Set.copyOf(sent), acceptedPerKey.keySet());
            assertTrue(acceptedPerKey.values().stream().allMatch(n -> n == 1), () -> "delivered more than once: " + acceptedPerKey);
            for (Receiver.Received request : receiver.received) {
                assertEquals(hmac(secret, request.body()), request.header("X-AIA-Signature"));
                JsonPath document = JsonPath.from(new String(request.body(), StandardCharsets.UTF_8));
                assertEquals(request.header("Idempotency-Key"), document.getString("id"));
                assertEquals("channel.test", document.getString("event"));
                assertEquals(tenant.organizationId(), document.getString("organizationId"));
            }
        }
    }

    @Test
    void slackChannelsGetTextAndMailGoesThroughTheMailSession() throws Exception {
        Tenant tenant = newTenant();
        try (Receiver slack = new Receiver(); SmtpSink smtp = new SmtpSink()) {
            String slackId = as(tenant.adminKey()).body(Map.of("name", "slack", "type", "SLACK", "target", slack.url()))
                    .post("/notification-channels").then().statusCode(201).body("signingSecret", equalTo(null)).extract().path("id");
            String mailId = as(tenant.adminKey()).body(Map.of("name", "mail", "type", "EMAIL", "target", "oncall@example.test"))
                    .post("/notification-channels").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).post("/notification-channels/" + slackId + "/tests").then().statusCode(202);
            String mailed = as(tenant.adminKey()).post("/notification-channels/" + mailId + "/tests").then().statusCode(202)
                    .extract().path("id");

            eventually(Duration.ofSeconds(30), () -> {
                as(tenant.adminKey()).get("/notifications").then().body("items.state", everyItem(equalTo("DELIVERED")));
                assertEquals(1, slack.accepted().size());
                // The sink also gets other tests' mail (pages retried from the outbox); this one's arrives once.
                assertEquals(1, smtp.mails.stream().filter(m -> m.has("X-AIA-Idempotency-Key: " + mailed)).count());
            });
            JsonPath message = JsonPath.from(new String(slack.accepted().get(0).body(), StandardCharsets.UTF_8));
            assertTrue(message.getString("text").startsWith("Test notification from AIA Ops"), message.getString("text"));
            SmtpSink.Mail mail = smtp.mails.stream().filter(m -> m.has("X-AIA-Idempotency-Key: " + mailed)).findFirst().orElseThrow();
            assertEquals(List.of("oncall@example.test"), mail.recipients());
            assertTrue(mail.has("Subject: [AIA Ops] Test notification from AIA Ops"), mail.data());
            assertTrue(mail.has("X-AIA-Idempotency-Key: " + mailed), mail.data());
        }
    }

    @Test
    void internalAddressesAreRefusedUnlessExplicitlyAllowed() {
        Tenant tenant = newTenant();
        // The test server allows loopback only (aia.outbound.allowed-internal); private ranges and metadata stay refused.
        for (String url : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest/meta-data", "http://192.168.1.20/",
                "file:///etc/passwd")) {
            as(tenant.adminKey()).body(Map.of("name", unique("hook"), "type", "WEBHOOK", "target", url))
                    .post("/notification-channels").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:aia-ops:problem:outbound-address-refused"));
        }
        as(tenant.adminKey()).body(Map.of("name", "mail", "type", "EMAIL", "target", "not an address"))
                .post("/notification-channels").then().statusCode(400);
        as(tenant.adminKey()).get("/notification-channels").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void onlyAdminsManageChannelsAndOtherOrganisationsSeeNothing() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        String viewer = issueKey(tenant, "VIEWER");
        as(viewer).body(Map.of("name", "hook", "type", "SLACK", "target", "http://127.0.0.1:9/x"))
                .post("/notification-channels").then().statusCode(403);
        String id = as(tenant.adminKey()).body(Map.of("name", "hook", "type", "SLACK", "target", "http://127.0.0.1:9/x"))
                .post("/notification-channels").then().statusCode(201).extract().path("id");
        as(other.adminKey()).get("/notification-channels/" + id).then().statusCode(404);
        as(other.adminKey()).post("/notification-channels/" + id + "/tests").then().statusCode(404);
        as(other.adminKey()).delete("/notification-channels/" + id).then().statusCode(404);
        as(tenant.adminKey()).body(Map.of("name", "hook", "type", "SLACK", "target", "http://127.0.0.1:9/y"))
                .post("/notification-channels").then().statusCode(409);
        // Deleting a channel mutes what it still had to send.
        as(tenant.adminKey()).post("/notification-channels/" + id + "/tests").then().statusCode(202);
        as(tenant.adminKey()).delete("/notification-channels/" + id).then().statusCode(204);
        as(tenant.adminKey()).queryParam("state", "PENDING").get("/notifications").then().body("items", hasSize(0));
    }

    @Test
    void pagerDutyOpsgenieAndTeamsFollowAnAlertsLifeInOrderEvenAfterAnOutage() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        try (Receiver site = new Receiver(); Receiver pagerDuty = new Receiver(); Receiver opsgenie = new Receiver();
             Receiver teams = new Receiver()) {
            String routingKey = "e93facc04764012d7bfb002500d5d1a6";
            String newRoutingKey = "0123456789abcdef0123456789ABCDEF";
            String genieKey = "eb243592-faa2-4ba2-a551-1afdf565c889";

            // Refused at the field: a missing or malformed credential, a credential where none is taken, no Teams URL.
            as(tenant.adminKey()).body(Map.of("name", "pd", "type", "PAGERDUTY", "target", pagerDuty.url()))
                    .post("/notification-channels").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors[0].field", equalTo("credential"));
            as(tenant.adminKey()).body(Map.of("name", "pd", "type", "PAGERDUTY", "credential", "not-a-key"))
                    .post("/notification-channels").then().statusCode(400).body("errors[0].field", equalTo("credential"));
            as(tenant.adminKey()).body(Map.of("name", "og", "type", "OPSGENIE", "credential", routingKey))
                    .post("/notification-channels").then().statusCode(400).body("errors[0].field", equalTo("credential"));
            as(tenant.adminKey()).body(Map.of("name", "hook", "type", "WEBHOOK", "target", site.url(), "credential", routingKey))
                    .post("/notification-channels").then().statusCode(400).body("errors[0].field", equalTo("credential"));
            as(tenant.adminKey()).body(Map.of("name", "teams", "type", "TEAMS"))
                    .post("/notification-channels").then().statusCode(400).body("errors[0].field", equalTo("target"));
            // (Without a target, PagerDuty's public endpoint is used; not tried here: this machine resolves no public name.)
            String pd = as(tenant.adminKey()).body(Map.of("name", "pd", "type", "PAGERDUTY", "target", pagerDuty.url(),
                    "credential", routingKey)).post("/notification-channels").then().statusCode(201).extract().path("id");
            String og = as(tenant.adminKey()).body(Map.of("name", "og", "type", "OPSGENIE",
                    "target", "http://127.0.0.1:" + opsgenie.port() + "/", "credential", genieKey))
                    .post("/notification-channels").then().statusCode(201).extract().path("id");
            String ms = as(tenant.adminKey()).body(Map.of("name", "teams", "type", "TEAMS", "target", teams.url()))
                    .post("/notification-channels").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).get("/notification-channels/" + pd).then().body("hasCredential", equalTo(true))
                    .body("credential", equalTo(null)).body("signed", equalTo(false));
            as(tenant.adminKey()).get("/notification-channels/" + ms).then().body("hasCredential", equalTo(false));

            // PagerDuty is down while the alert fires, is acknowledged and resolves.
            pagerDuty.status.set(503);
            site.status.set(500);
            String check = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "checkout-home", "url", site.url(),
                    "intervalSeconds", 60, "enabled", false)).post("/checks").then().statusCode(201).extract().path("id");
            Map<String, Object> rule = new java.util.HashMap<>();
            rule.put("name", "checkout-down");
            rule.put("kind", "CHECK_DOWN");
            rule.put("checkId", check);
            rule.put("incidentSeverity", "P1");
            rule.put("channelIds", List.of(pd, og, ms));
            String ruleId = as(tenant.adminKey()).body(rule).post("/alert-rules").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().statusCode(200).body("up", equalTo(false));
            String alert = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then()
                    .body("alert.state", equalTo("FIRING")).extract().path("alert.id");
            eventually(Duration.ofSeconds(30), () -> assertTrue(pagerDuty.hits.get() >= 1 && opsgenie.accepted().size() >= 1));
            as(tenant.adminKey()).post("/alerts/" + alert + "/acknowledge").then().statusCode(200);
            site.status.set(200);
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().body("up", equalTo(true));
            as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().body("breaching", equalTo(false));
            // The vendor rotated the key meanwhile: what is not delivered yet goes with the new one.
            as(tenant.adminKey()).body(Map.of("credential", newRoutingKey)).put("/notification-channels/" + pd + "/credential")
                    .then().statusCode(200).body("hasCredential", equalTo(true));
            as(tenant.adminKey()).body(Map.of("credential", newRoutingKey)).put("/notification-channels/" + ms + "/credential")
                    .then().statusCode(409);
            // A send that read the old key just before the rotation may still be under way: only once an attempt
            // carrying the new key has been refused is every later attempt sure to carry it.
            long[] retries = {0};
            eventually(Duration.ofSeconds(60), () -> {
                clockAhead(Duration.ofMinutes(++retries[0]));
                assertTrue(pagerDuty.received.stream().anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(newRoutingKey)));
            });

            pagerDuty.status.set(202);
            long[] minutes = {retries[0]};
            eventually(Duration.ofSeconds(120), () -> {
                clockAhead(Duration.ofMinutes(++minutes[0]));
                assertEquals(3, pagerDuty.accepted().size());
                assertEquals(3, opsgenie.accepted().size());
                assertEquals(3, teams.accepted().size());
            });

            // PagerDuty: one alert there, triggered, acknowledged and resolved in that order despite the outage.
            List<JsonPath> events = pagerDuty.accepted().stream().map(r -> JsonPath.from(new String(r.body(), StandardCharsets.UTF_8))).toList();
            assertEquals(List.of("trigger", "acknowledge", "resolve"), events.stream().map(e -> e.getString("event_action")).toList());
            assertEquals(Set.of("aia-ops:alert:" + alert), events.stream().map(e -> e.getString("dedup_key")).collect(Collectors.toSet()));
            assertEquals(Set.of(newRoutingKey), events.stream().map(e -> e.getString("routing_key")).collect(Collectors.toSet()));
            assertEquals("error", events.get(0).getString("payload.severity"));
            assertEquals(serviceId, events.get(0).getString("payload.source"));
            assertEquals("checkout-down", events.get(0).getString("payload.component"));
            assertTrue(events.get(0).getString("payload.summary").contains("checkout-down"), events.get(0).getString("payload.summary"));
            assertTrue(pagerDuty.received.stream().filter(r -> !r.accepted()).count() >= 1, "PagerDuty was tried while down");

            // Opsgenie: created with the alias, then acknowledged and closed by alias, with the API key.
            List<Receiver.Received> genie = opsgenie.accepted();
            String alias = java.net.URLEncoder.encode("aia-ops:alert:" + alert, StandardCharsets.UTF_8);
            assertEquals(List.of("/v2/alerts", "/v2/alerts/" + alias + "/acknowledge?identifierType=alias",
                    "/v2/alerts/" + alias + "/close?identifierType=alias"), genie.stream().map(Receiver.Received::uri).toList());
            assertTrue(genie.stream().allMatch(r -> ("GenieKey " + genieKey).equals(r.header("Authorization"))));
            JsonPath created = JsonPath.from(new String(genie.get(0).body(), StandardCharsets.UTF_8));
            assertEquals("aia-ops:alert:" + alert, created.getString("alias"));
            assertEquals("P2", created.getString("priority"));

            // Teams: an Adaptive Card per step.
            JsonPath card = JsonPath.from(new String(teams.accepted().get(0).body(), StandardCharsets.UTF_8));
            assertEquals("application/vnd.microsoft.card.adaptive", card.getString("attachments[0].contentType"));
            assertEquals("AdaptiveCard", card.getString("attachments[0].content.type"));

            // "Send a test" and the delivery history, per channel.
            for (String channel : List.of(pd, og, ms)) {
                as(tenant.adminKey()).post("/notification-channels/" + channel + "/tests").then().statusCode(202);
            }
            eventually(Duration.ofSeconds(30), () -> {
                assertEquals(4, pagerDuty.accepted().size());
                assertEquals(4, opsgenie.accepted().size());
                assertEquals(4, teams.accepted().size());
            });
            as(tenant.adminKey()).queryParam("channelId", pd).get("/notifications").then().statusCode(200)
                    .body("items", hasSize(4)).body("items.state", everyItem(equalTo("DELIVERED")))
                    .body("items.event", org.hamcrest.Matchers.hasItems("channel.test", "alert.firing", "alert.acknowledged", "alert.resolved"));
        }
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

}
