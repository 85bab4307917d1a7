package com.aiaops.it;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Status page subscriptions end to end: e-mail with double opt-in and one-click unsubscribe (through the mail session
 * to a local SMTP sink), a webhook subscriber, per-component interest, the Atom feed read by ROME, and the
 * Statuspage-compatible summary.
 */
class StatusSubscriptionIT extends ApiIT {
    private static final Pattern CONFIRM = Pattern.compile("confirm: (http\\S+)");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("Unsubscribe: (http\\S+)");

    private static Optional<SmtpSink.Mail> mailTo(SmtpSink smtp, String address, String containing) {
        return smtp.mails.stream().filter(m -> m.recipients().contains(address) && m.data().contains(containing)).findFirst();
    }

    /** A mail body with non-ASCII text travels quoted-printable (RFC 2045): soft line breaks and =XX octets undone. */
    private static String decoded(String data) {
        String unfolded = data.replace("=\r\n", "").replace("=\n", "");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < unfolded.length(); i++) {
            char c = unfolded.charAt(i);
            if (c == '=' && i + 2 < unfolded.length() && unfolded.substring(i + 1, i + 3).matches("[0-9A-F]{2}")) {
                bytes.write(Integer.parseInt(unfolded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }

    @Test
    void subscribersHearOfWhatTheyFollowUntilTheyLeaveWithOneClick() throws Exception {
        Tenant tenant = newTenant();
        String checkout = registerService(tenant.adminKey(), "checkout");
        String search = registerService(tenant.adminKey(), "search");
        as(tenant.adminKey()).body(Map.of("serviceId", checkout, "name", "Checkout", "position", 0)).post("/status-components")
                .then().statusCode(201);
        as(tenant.adminKey()).body(Map.of("serviceId", search, "name", "Search", "position", 1)).post("/status-components")
                .then().statusCode(201);
        String page = "/status-pages/" + tenant.slug();
        String email = unique("visitor") + "@example.test";

        // Refused at the field: no address, a bad one, an internal webhook, a component the page does not have.
        anonymous().body(Map.of()).post(page + "/subscriptions").then().statusCode(400).contentType(PROBLEM_JSON);
        anonymous().body(Map.of("email", "not an address")).post(page + "/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
        anonymous().body(Map.of("webhookUrl", "http://10.0.0.7/hook")).post(page + "/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("webhookUrl"));
        anonymous().body(Map.of("email", email, "components", List.of("Billing"))).post(page + "/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("components"));
        anonymous().body(Map.of("email", email)).post("/status-pages/no-such-page/subscriptions").then().statusCode(404);

        try (SmtpSink smtp = new SmtpSink(); Receiver hook = new Receiver()) {
            anonymous().body(Map.of("email", email, "components", List.of("Checkout"))).post(page + "/subscriptions")
                    .then().statusCode(202);
            anonymous().body(Map.of("webhookUrl", hook.url())).post(page + "/subscriptions").then().statusCode(202)
                    .body("status", equalTo("subscribed"));

            // Double opt-in: a confirmation only, until its link is followed.
            eventually(Duration.ofSeconds(30), () -> assertTrue(mailTo(smtp, email, "Confirm your subscription").isPresent()));
            String confirm = group(CONFIRM, mailTo(smtp, email, "Confirm your subscription").orElseThrow().data());
            String incident = as(tenant.adminKey()).body(Map.of("title", "db-7 failover", "publicTitle", "Payments are failing",
                    "severity", "P1", "serviceIds", List.of(checkout), "summary", "card payments fail")).post("/incidents")
                    .then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).body(Map.of("text", "Before confirmation: rolling back", "publicUpdate", true))
                    .post("/incidents/" + incident + "/timeline").then().statusCode(201);
            eventually(Duration.ofSeconds(30), () -> assertTrue(hook.accepted().stream()
                    .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("Before confirmation"))));
            assertFalse(mailTo(smtp, email, "Before confirmation").isPresent(), "an unconfirmed address heard of an update");

            RestAssured.given().get(confirm).then().statusCode(200).contentType(startsWith("text/html"))
                    .body(containsString("Subscribed"));
            RestAssured.given().get(confirm).then().statusCode(404); // a confirmation link works once

            // Confirmed: a public update of Checkout reaches the mail, with RFC 8058's one-click headers; internal notes never.
            as(tenant.adminKey()).body(Map.of("text", "internal: db-7 is the culprit", "publicUpdate", false))
                    .post("/incidents/" + incident + "/timeline").then().statusCode(201);
            as(tenant.adminKey()).body(Map.of("text", "Payments recover as the release is rolled back", "publicUpdate", true))
                    .post("/incidents/" + incident + "/timeline").then().statusCode(201);
            eventually(Duration.ofSeconds(30), () -> assertTrue(mailTo(smtp, email, "Payments recover").isPresent()));
            SmtpSink.Mail update = mailTo(smtp, email, "Payments recover").orElseThrow();
            assertTrue(update.has("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), update.data());
            assertTrue(update.has("List-Unsubscribe: <"), update.data());
            // The subject holds an em dash, so it is RFC 2047-encoded.
            assertTrue(update.has("Subject: =?UTF-8?Q?[AIA_Ops]_Payments_are_failing_=E2=80=94_TRIGGERED?="), update.data());

            // Search is not followed by the mail subscriber; the webhook follows everything.
            String other = as(tenant.adminKey()).body(Map.of("title", "index lag", "publicTitle", "Search results are stale",
                    "severity", "P2", "serviceIds", List.of(search), "summary", "lag")).post("/incidents").then().statusCode(201)
                    .extract().path("id");
            as(tenant.adminKey()).body(Map.of("text", "Reindexing search", "publicUpdate", true))
                    .post("/incidents/" + other + "/timeline").then().statusCode(201);
            Instant now = Instant.now();
            as(tenant.adminKey()).body(Map.of("serviceId", checkout, "title", "Payment provider upgrade",
                    "startsAt", now.plus(Duration.ofDays(2)).toString(), "endsAt", now.plus(Duration.ofDays(2)).plus(Duration.ofHours(1))
                            .toString())).post("/maintenance-windows").then().statusCode(201);
            eventually(Duration.ofSeconds(30), () -> {
                assertTrue(mailTo(smtp, email, "Payment provider upgrade").isPresent());
                assertTrue(hook.accepted().stream().anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("Reindexing search")));
                assertTrue(hook.accepted().stream().anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8)
                        .contains("status.maintenance-announced")));
            });
            assertFalse(mailTo(smtp, email, "Reindexing search").isPresent(), "the mail subscriber follows Checkout only");
            JsonPath hookDocument = JsonPath.from(hook.accepted().stream().map(r -> new String(r.body(), StandardCharsets.UTF_8))
                    .filter(b -> b.contains("Reindexing search")).findFirst().orElseThrow());
            assertEquals("status.incident-update", hookDocument.getString("event"));
            assertTrue(hookDocument.getString("unsubscribeUrl").contains("/subscriptions/unsubscribe?token="));

            as(tenant.adminKey()).get("/status-subscribers").then().statusCode(200).body("items", hasSize(2))
                    .body("items.confirmed", hasItems(true));
            as(issueKey(tenant, "OPERATOR")).get("/status-subscribers").then().statusCode(403);

            // The unsubscribe page changes nothing; the one-click POST does, once.
            String unsubscribe = group(UNSUBSCRIBE, decoded(update.data()));
            RestAssured.given().get(unsubscribe).then().statusCode(200).body(containsString("<form method=\"post\""));
            as(tenant.adminKey()).get("/status-subscribers").then().body("items", hasSize(2));
            RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .post(unsubscribe).then().statusCode(200).body(containsString("Unsubscribed"));
            RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .post(unsubscribe).then().statusCode(404);
            as(tenant.adminKey()).get("/status-subscribers").then().body("items", hasSize(1));
            as(tenant.adminKey()).body(Map.of("text", "All payments are flowing again", "publicUpdate", true))
                    .post("/incidents/" + incident + "/timeline").then().statusCode(201);
            eventually(Duration.ofSeconds(30), () -> assertTrue(hook.accepted().stream()
                    .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("flowing again"))));
            assertFalse(mailTo(smtp, email, "flowing again").isPresent(), "heard after unsubscribing");
        }

        // The Atom feed, read by ROME as feed readers read it.
        String atom = anonymous().get(page + "/feed.atom").then().statusCode(200).contentType(startsWith("application/atom+xml"))
                .extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(atom));
        assertEquals("atom_1.0", feed.getFeedType());
        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertTrue(titles.contains("Payments are failing — triggered"), titles::toString);
        assertTrue(titles.contains("Search results are stale — triggered"), titles::toString);
        assertTrue(titles.contains("Maintenance: Payment provider upgrade"), titles::toString);
        // The internal phrases, whole: "db-7" alone can occur inside an entry's UUID (…-…db-7…), which failed a CI run.
        assertFalse(atom.contains("db-7 failover") || atom.contains("db-7 is the culprit"), "internal words in the public feed");
        assertTrue(feed.getEntries().stream().allMatch(e -> e.getUri() != null && e.getUpdatedDate() != null));

        // Statuspage's summary shape.
        anonymous().get(page + "/summary.json").then().statusCode(200)
                .body("page.id", equalTo(tenant.slug())).body("status.indicator", equalTo("major"))
                .body("components.name", hasItems("Checkout", "Search"))
                .body("components.status", hasItems("partial_outage", "degraded_performance"))
                .body("incidents.name", hasItems("Payments are failing", "Search results are stale"))
                .body("incidents[0].incident_updates[0].body", org.hamcrest.Matchers.notNullValue())
                .body("scheduled_maintenances[0].name", equalTo("Payment provider upgrade"))
                .body("scheduled_maintenances[0].status", equalTo("scheduled"));
    }
}
