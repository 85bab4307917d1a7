package com.aiaops.it;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The public status page: derived and overridden component status, the 25 % rule, incidents, maintenance, uptime, HTML. */
class StatusPageIT extends ApiIT {
    private Duration ahead = Duration.ZERO;

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    /** The page is rebuilt at most every 15 s: move the clock past that instead of waiting. */
    private void nextRefresh() {
        ahead = ahead.plusSeconds(16);
        clockAhead(ahead);
    }

    private static io.restassured.response.ValidatableResponse page(Tenant tenant) {
        return anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200);
    }

    @Test
    void components_follow_incidents_overrides_and_maintenance_and_the_whole_is_a_major_outage_at_25_percent() {
        Tenant tenant = newTenant();
        String checkout = registerService(tenant.adminKey(), "checkout");
        String search = registerService(tenant.adminKey(), "search");
        String mail = registerService(tenant.adminKey(), "mail");
        String login = registerService(tenant.adminKey(), "login");
        List<String> services = List.of(checkout, search, mail, login);
        List<String> names = List.of("Checkout <script>alert(1)</script>", "Search", "Mail", "Login");
        String searchComponent = null;
        for (int i = 0; i < 4; i++) {
            String id = as(tenant.adminKey()).body(Map.of("serviceId", services.get(i), "name", names.get(i), "position", i))
                    .post("/status-components").then().statusCode(201).extract().path("id");
            if (i == 1) {
                searchComponent = id;
            }
        }
        as(tenant.adminKey()).body(Map.of("serviceId", search, "name", "again")).post("/status-components").then().statusCode(409);
        page(tenant).body("overall", equalTo("OPERATIONAL")).body("components.name", contains(names.toArray()))
                .body("components.status", contains("OPERATIONAL", "OPERATIONAL", "OPERATIONAL", "OPERATIONAL"))
                .body("components[0].uptime90d", nullValue()).body("components[0].dailyUptime", hasSize(90));

        // A P0 on one component of four: a major outage of that component, and (25 %) of the whole.
        String incident = as(tenant.adminKey()).body(Map.of("title", "db-7 failover broke checkout", "publicTitle", "Payments are failing",
                "severity", "P0", "serviceIds", List.of(checkout), "summary", "Card payments fail")).post("/incidents").then().statusCode(201)
                .extract().path("id");
        as(tenant.adminKey()).body(Map.of("text", "We found the faulty release and are rolling it back", "publicUpdate", true))
                .post("/incidents/" + incident + "/timeline").then().statusCode(201);
        as(tenant.adminKey()).body(Map.of("text", "internal: db-7 is the culprit", "publicUpdate", false))
                .post("/incidents/" + incident + "/timeline").then().statusCode(201);
        nextRefresh();
        page(tenant).body("overall", equalTo("MAJOR_OUTAGE"))
                .body("components[0].status", equalTo("MAJOR_OUTAGE")).body("components[0].reason", equalTo("incident: Payments are failing"))
                .body("incidents[0].title", equalTo("Payments are failing")).body("incidents[0].components", contains(names.get(0)))
                // Only what was posted as public: the internal title, summary and note stay internal.
                .body("incidents[0].updates.text", contains("We found the faulty release and are rolling it back"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("db-7")));

        // Overrides win; maintenance shows, active and upcoming.
        as(tenant.adminKey()).body(Map.of("status", "DEGRADED_PERFORMANCE", "note", "slow results in EU"))
                .put("/status-components/" + searchComponent + "/override").then().statusCode(200);
        Instant now = Instant.now().plus(ahead);
        as(tenant.adminKey()).body(Map.of("serviceId", mail, "title", "Mail relay upgrade", "startsAt", now.minusSeconds(60).toString(),
                "endsAt", now.plus(Duration.ofHours(1)).toString())).post("/maintenance-windows").then().statusCode(201);
        as(tenant.adminKey()).body(Map.of("serviceId", login, "title", "Login database failover test",
                "startsAt", now.plus(Duration.ofDays(2)).toString(), "endsAt", now.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)).toString()))
                .post("/maintenance-windows").then().statusCode(201);
        nextRefresh();
        page(tenant).body("components.status", contains("MAJOR_OUTAGE", "DEGRADED_PERFORMANCE", "UNDER_MAINTENANCE", "OPERATIONAL"))
                .body("components[1].reason", equalTo("slow results in EU"))
                .body("maintenance.title", contains("Mail relay upgrade", "Login database failover test"))
                .body("maintenance.inProgress", contains(true, false));

        // Resolved, the incident leaves the page: one degraded component of four is what remains.
        as(tenant.adminKey()).body(Map.of("to", "RESOLVED")).post("/incidents/" + incident + "/transitions").then().statusCode(200);
        nextRefresh();
        page(tenant).body("overall", equalTo("DEGRADED_PERFORMANCE")).body("incidents", hasSize(0));
        as(tenant.adminKey()).body(java.util.Collections.singletonMap("status", null)).put("/status-components/" + searchComponent + "/override").then()
                .statusCode(200).body("override", nullValue());

        // The HTML page: public, escaped, without scripts.
        String html = RestAssured.given().basePath("").get("/status/" + tenant.slug()).then().statusCode(200)
                .contentType(containsString("text/html")).header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("Checkout &lt;script&gt;alert(1)&lt;/script&gt;"), html);
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("<script>"), html);
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("Mail relay upgrade"), html);
    }

    @Test
    void alerts_and_slo_burn_set_a_components_status_when_nothing_else_does() {
        Tenant tenant = newTenant();
        String search = registerService(tenant.adminKey(), "search");
        String billing = registerService(tenant.adminKey(), "billing");
        String ingest = issueKey(tenant, "INGEST");
        as(tenant.adminKey()).body(Map.of("serviceId", search, "name", "Search", "position", 1)).post("/status-components").then().statusCode(201);
        as(tenant.adminKey()).body(Map.of("serviceId", billing, "name", "Billing", "position", 2)).post("/status-components").then().statusCode(201);
        Instant now = Instant.now();
        // Search: 5 % errors in the last minutes, under a ticket-level error-rate rule: degraded performance.
        as(ingest).body(batch(spread("search", now.minusSeconds(120), 2, 200, 10, 30))).post("/telemetry/observations").then().statusCode(200);
        String rule = as(tenant.adminKey()).body(Map.of("name", "search-errors", "kind", "ERROR_RATE", "serviceId", search, "threshold", 0.01,
                "urgency", "TICKET")).post("/alert-rules").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).post("/alert-rules/" + rule + "/evaluations").then().body("breaching", equalTo(true));
        // Billing: an SLO burning fast (no rule on it): partial outage.
        as(tenant.adminKey()).body(Map.of("serviceId", billing, "name", "billing-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99, "window", "30d", "minimumEvents", 100)).post("/slos").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            as(ingest).body(batch(spread("billing", now.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(10L * i)), 10, 10_000, 0, 30)))
                    .post("/telemetry/observations").then().statusCode(200);
        }
        as(ingest).body(batch(spread("billing", now.minusSeconds(180), 3, 1000, 200, 30))).post("/telemetry/observations").then().statusCode(200);
        nextRefresh();
        page(tenant).body("components.status", contains("DEGRADED_PERFORMANCE", "PARTIAL_OUTAGE"))
                // In public words: rule and SLO names are internal.
                .body("components[0].reason", equalTo("alert: elevated error rate"))
                .body("components[1].reason", equalTo("errors well above objective"))
                .body("overall", equalTo("PARTIAL_OUTAGE"));
    }

    @Test
    void uptime_is_per_day_over_ninety_days_with_maintenance_left_out() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "API")).post("/status-components").then().statusCode(201);
        // Yesterday's noon on the server's clock: every recent minute falls on one UTC day, whenever the test runs.
        Instant now = Instant.now();
        Instant yesterdayNoon = LocalDate.ofInstant(now.plus(ahead), ZoneOffset.UTC).minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant twoDaysAgo = yesterdayNoon.minus(Duration.ofDays(2));
        as(ingest).body(batch(spread("api", twoDaysAgo, 10, 1000, 10, 20))).post("/telemetry/observations").then().statusCode(200);
        Instant base = yesterdayNoon;
        as(ingest).body(batch(spread("api", base.minus(Duration.ofMinutes(10)), 1, 100, 0, 20))).post("/telemetry/observations")
                .then().statusCode(200);
        as(ingest).body(batch(spread("api", base, 5, 50, 50, 20))).post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "title", "planned restart", "startsAt", base.minusSeconds(60).toString(),
                "endsAt", base.plus(Duration.ofMinutes(6)).toString())).post("/maintenance-windows").then().statusCode(201);
        nextRefresh();

        LocalDate today = LocalDate.ofInstant(now.plus(ahead), ZoneOffset.UTC);
        LocalDate firstDay = today.minusDays(89);
        int older = (int) java.time.temporal.ChronoUnit.DAYS.between(firstDay, LocalDate.ofInstant(twoDaysAgo, ZoneOffset.UTC));
        int recent = (int) java.time.temporal.ChronoUnit.DAYS.between(firstDay, LocalDate.ofInstant(base, ZoneOffset.UTC));
        page(tenant).body("components[0].firstDay", equalTo(firstDay.toString()))
                .body("components[0].dailyUptime[" + older + "]", closeTo(0.99, 1e-12))
                .body("components[0].dailyUptime[" + recent + "]", closeTo(1.0, 1e-12))
                .body("components[0].dailyUptime[0]", nullValue())
                .body("components[0].uptime90d", closeTo(1090.0 / 1100, 1e-12))
                .body("components[0].status", equalTo("OPERATIONAL"));
    }

    @Test
    void an_unknown_organisation_has_no_page_and_components_are_private_to_their_organisation() {
        anonymous().get("/status-pages/no-such-org-here").then().statusCode(404).contentType(PROBLEM_JSON);
        RestAssured.given().basePath("").get("/status/no-such-org-here").then().statusCode(404);
        RestAssured.given().basePath("").get("/status/%3Cscript%3E").then().statusCode(404)
                .body(not(containsString("<script>")));
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        String serviceId = registerService(tenant.adminKey(), "web");
        String component = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "Web")).post("/status-components")
                .then().statusCode(201).extract().path("id");
        as(other.adminKey()).body(Map.of("serviceId", serviceId, "name", "Theirs")).post("/status-components").then().statusCode(400);
        as(other.adminKey()).body(Map.of("status", "MAJOR_OUTAGE")).put("/status-components/" + component + "/override").then().statusCode(404);
        as(other.adminKey()).delete("/status-components/" + component).then().statusCode(404);
        as(issueKey(tenant, "VIEWER")).body(Map.of("status", "MAJOR_OUTAGE")).put("/status-components/" + component + "/override")
                .then().statusCode(403);
        as(tenant.adminKey()).body(Map.of("status", "BROKEN")).put("/status-components/" + component + "/override").then().statusCode(400);
    }

    @Test
    void the_kept_list_of_components_follows_each_addition_override_and_removal() {
        Tenant tenant = newTenant();
        String web = registerService(tenant.adminKey(), "web");
        String api = registerService(tenant.adminKey(), "api");
        as(tenant.adminKey()).get("/status-components").then().statusCode(200).body("items", hasSize(0));
        String webComponent = as(tenant.adminKey()).body(Map.of("serviceId", web, "name", "Web", "position", 2)).post("/status-components")
                .then().statusCode(201).extract().path("id");
        String before = as(tenant.adminKey()).get("/status-components").then().body("items.name", contains("Web")).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(before, as(tenant.adminKey()).get("/status-components").then().extract().asString());
        as(tenant.adminKey()).body(Map.of("serviceId", api, "name", "API", "position", 1)).post("/status-components").then().statusCode(201);
        as(tenant.adminKey()).get("/status-components").then().body("items.name", contains("API", "Web"));

        as(tenant.adminKey()).body(Map.of("status", "MAJOR_OUTAGE", "note", "Data centre flooded")).put("/status-components/" + webComponent + "/override")
                .then().statusCode(200);
        as(tenant.adminKey()).get("/status-components").then().body("items[1].override", equalTo("MAJOR_OUTAGE"))
                .body("items[1].overrideNote", equalTo("Data centre flooded"));
        as(tenant.adminKey()).get("/status-components/" + webComponent).then().body("override", equalTo("MAJOR_OUTAGE"));
        // A refused override changes nothing.
        as(tenant.adminKey()).body(Map.of("status", "BROKEN")).put("/status-components/" + webComponent + "/override").then().statusCode(400);
        as(tenant.adminKey()).get("/status-components").then().body("items[1].override", equalTo("MAJOR_OUTAGE"));
        as(tenant.adminKey()).get("/status-components/" + webComponent).then().body("override", equalTo("MAJOR_OUTAGE"));
        as(tenant.adminKey()).body("{\"status\":null}").put("/status-components/" + webComponent + "/override").then().statusCode(200);
        as(tenant.adminKey()).get("/status-components/" + webComponent).then().statusCode(200).body("override", nullValue());
        as(newTenant().adminKey()).get("/status-components/" + webComponent).then().statusCode(404);

        as(tenant.adminKey()).delete("/status-components/" + webComponent).then().statusCode(204);
        as(tenant.adminKey()).get("/status-components").then().body("items.name", contains("API"));
        as(tenant.adminKey()).get("/status-components/" + webComponent).then().statusCode(404);
        as(newTenant().adminKey()).get("/status-components").then().statusCode(200).body("items", hasSize(0));
    }
}
