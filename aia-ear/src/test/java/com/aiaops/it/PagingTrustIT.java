package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Paging that responders can trust (issue 19): an alert held back by maintenance pages once the window is over; an
 * acknowledged alert acknowledges its incident and stops escalation; the alert's life is on the incident's timeline and
 * the incident can resolve itself when its alerts clear; operational actions are audited; the public sees only what
 * was made public. Time moves with the adjustable clock.
 */
class PagingTrustIT extends ApiIT {
    private Duration ahead = Duration.ZERO;

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    private Instant now() {
        return Instant.now().plus(ahead);
    }

    private void moveOn(Duration by) {
        ahead = ahead.plus(by);
        clockAhead(ahead);
    }

    private static Map<String, Object> errorRule(String name, String serviceId, String policy, boolean autoResolve) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", name);
        rule.put("kind", "ERROR_RATE");
        rule.put("serviceId", serviceId);
        rule.put("threshold", 0.05);
        rule.put("escalationPolicyId", policy);
        rule.put("autoResolveIncident", autoResolve);
        return rule;
    }

    /** Five minutes of 20 % errors from {@code from}: 250 requests, 50 of them failing. */
    private static void errorsFor(String ingest, Instant from) {
        as(ingest).body(batch(spread("ledger", from, 5, 250, 50, 30))).post("/telemetry/observations").then().statusCode(200);
    }

    private static String soloPolicy(Tenant tenant) {
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        return as(tenant.adminKey()).body(Map.of("name", "solo", "repeats", 3, "steps", List.of(
                        Map.of("delayMinutes", 5, "targets", List.of(Map.of("type", "MEMBER", "id", founder))))))
                .post("/escalation-policies").then().statusCode(201).extract().path("id");
    }

    @Test
    void an_alert_held_back_by_maintenance_pages_when_the_window_ends_and_its_life_is_on_the_timeline() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "ledger");
        String ingest = issueKey(tenant, "INGEST");
        String policy = soloPolicy(tenant);
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "Ledger")).post("/status-components").then().statusCode(201);
        Instant start = now();
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "title", "database upgrade", "startsAt", start.minusSeconds(60).toString(),
                "endsAt", start.plus(Duration.ofMinutes(9)).toString())).post("/maintenance-windows").then().statusCode(201);
        // 20 % errors, sent ahead of time (within the allowed clock skew) so that every 5-minute window has them whenever the
        // scheduler evaluates the rule: the errors go on throughout, as in the report.
        errorsFor(ingest, start.minus(Duration.ofMinutes(2)));
        String ruleId = as(tenant.adminKey()).body(errorRule("ledger-errors", serviceId, policy, true)).post("/alert-rules")
                .then().statusCode(201).body("autoResolveIncident", equalTo(true)).extract().path("id");

        // During the window the alert fires muted, and nobody is paged.
        String alertId = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200)
                .body("breaching", equalTo(true)).body("alert.mutedReason", equalTo("under maintenance: database upgrade"))
                .body("alert.incidentId", nullValue()).extract().path("alert.id");
        as(tenant.adminKey()).get("/incidents").then().body("items", hasSize(0));
        moveOn(Duration.ofMinutes(4));
        errorsFor(ingest, start.plus(Duration.ofMinutes(3)));
        moveOn(Duration.ofMinutes(4));
        errorsFor(ingest, start.plus(Duration.ofMinutes(7)));
        as(tenant.adminKey()).get("/incidents").then().body("items", hasSize(0));

        // The window is over (at +9 min) and the errors go on: the same alert pages now.
        moveOn(Duration.ofMinutes(3));
        errorsFor(ingest, start.plus(Duration.ofMinutes(10)));
        String incident = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200)
                .body("breaching", equalTo(true)).body("alert.id", equalTo(alertId)).body("alert.mutedReason", nullValue())
                .body("alert.incidentId", notNullValue()).extract().path("alert.incidentId");
        as(tenant.adminKey()).get("/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("items.text", hasItem(containsString("was held back (under maintenance: database upgrade) from")));
        eventually(Duration.ofSeconds(20), () -> as(tenant.adminKey()).get("/incidents/" + incident).then()
                .body("state", equalTo("TRIGGERED")).body("escalationStepsPaged", equalTo(1)).body("nextEscalationAt", notNullValue()));
        as(tenant.adminKey()).get("/audit-events?limit=200").then().body("items.action", hasItem("alert.released"));

        // The public page does not show the rule's name: a neutral title, no internal notes.
        moveOn(Duration.ofSeconds(16));
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200)
                .body("incidents[0].title", equalTo("Investigating an issue with Ledger"))
                .body("incidents[0].updates", hasSize(0))
                .body(not(containsString("ledger-errors")));

        // Acknowledging the alert acknowledges the incident: escalation stops.
        as(tenant.adminKey()).post("/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("state", equalTo("ACKNOWLEDGED"))
                .body("nextEscalationAt", nullValue()).body("acknowledgedAt", notNullValue());
        moveOn(Duration.ofMinutes(6)); // past the step's delay: an unacknowledged incident would be paged again now
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("escalationStepsPaged", equalTo(1)).body("nextEscalationAt", nullValue());

        // The errors stop: the alert clears, the timeline says so, and this rule resolves its incident.
        moveOn(Duration.ofMinutes(6));
        as(ingest).body(batch(spread("ledger", now().minus(Duration.ofMinutes(3)), 3, 100, 0, 30))).post("/telemetry/observations")
                .then().statusCode(200);
        moveOn(Duration.ofMinutes(1));
        as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200).body("breaching", equalTo(false));
        as(tenant.adminKey()).get("/alerts/" + alertId).then().body("state", equalTo("RESOLVED"));
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("state", equalTo("RESOLVED"));
        as(tenant.adminKey()).get("/incidents/" + incident + "/timeline").then()
                .body("items.findAll { it.kind == 'ALERT' }.text", hasItems(
                        containsString("Alert ledger-errors acknowledged by"),
                        containsString("Alert ledger-errors resolved (cleared:"),
                        equalTo("All alerts of this incident have cleared (last: ledger-errors)")))
                .body("items.text", hasItem(containsString("ACKNOWLEDGED through alert ledger-errors; escalation stopped")))
                .body("items.text", hasItem(containsString("RESOLVED by itself")))
                .body("items.publicUpdate", everyItem(equalTo(false)));
    }

    @Test
    void without_auto_resolve_the_incident_stays_open_and_the_timeline_says_its_alerts_cleared() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "quotes");
        String ingest = issueKey(tenant, "INGEST");
        as(ingest).body(batch(spread("quotes", now().minusSeconds(120), 2, 100, 30, 30))).post("/telemetry/observations").then().statusCode(200);
        String ruleId = as(tenant.adminKey()).body(errorRule("quotes-errors", serviceId, null, false)).post("/alert-rules")
                .then().statusCode(201).body("autoResolveIncident", equalTo(false)).extract().path("id");
        var fired = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200)
                .body("alert.incidentId", notNullValue()).extract();
        String incident = fired.path("alert.incidentId");
        as(tenant.adminKey()).post("/alerts/" + fired.path("alert.id") + "/acknowledge").then().statusCode(200);
        moveOn(Duration.ofMinutes(10)); // no traffic any more: too few requests to judge, the condition has cleared
        as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200).body("breaching", equalTo(false));
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("state", equalTo("ACKNOWLEDGED"));
        as(tenant.adminKey()).get("/incidents/" + incident + "/timeline").then()
                .body("items.text", hasItem("All alerts of this incident have cleared (last: quotes-errors)"))
                .body("items.text", not(hasItem(containsString("RESOLVED by itself"))));
    }

    @Test
    void notes_and_titles_are_private_unless_made_public() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "cards");
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "Card payments")).post("/status-components").then().statusCode(201);
        String incident = as(tenant.adminKey()).body(Map.of("title", "db-7 disk full on rack 12", "severity", "P1",
                "serviceIds", List.of(serviceId), "summary", "customer ACME reports failures")).post("/incidents").then().statusCode(201)
                .body("publicTitle", nullValue()).extract().path("id");
        as(tenant.adminKey()).body(Map.of("to", "ACKNOWLEDGED", "note", "paging the DBA on call")).post("/incidents/" + incident + "/transitions")
                .then().statusCode(200);
        as(tenant.adminKey()).body(Map.of("to", "MITIGATED", "note", "Payments work again; we are watching closely", "publicUpdate", true))
                .post("/incidents/" + incident + "/transitions").then().statusCode(200);
        moveOn(Duration.ofSeconds(16));
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200)
                .body("incidents[0].title", equalTo("Investigating an issue with Card payments"))
                .body("incidents[0].updates.text", contains("MITIGATED: Payments work again; we are watching closely"))
                .body(not(containsString("db-7"))).body(not(containsString("ACME"))).body(not(containsString("DBA")));

        as(tenant.adminKey()).body(Map.of("publicTitle", "Card payments failing")).put("/incidents/" + incident + "/public-title")
                .then().statusCode(200).body("publicTitle", equalTo("Card payments failing"));
        moveOn(Duration.ofSeconds(16));
        anonymous().get("/status-pages/" + tenant.slug()).then().body("incidents[0].title", equalTo("Card payments failing"))
                .body("components[0].reason", equalTo("incident: Card payments failing"));
        RestAssured.given().baseUri("http://127.0.0.1").port(8080 + PORT_OFFSET).basePath("").get("/status/" + tenant.slug()).then()
                .statusCode(200).body(containsString("Card payments failing")).body(not(containsString("db-7")));
    }

    @Test
    void bulk_operations_admin_sign_ins_and_admin_key_use_are_audited() {
        String operatorKey = operatorKey();
        long execution = as(operatorKey).queryParam("chunkSize", 1000).post("/backups").then().statusCode(202).extract().jsonPath().getLong("executionId");
        eventually(Duration.ofSeconds(120), () -> as(operatorKey).get("/backups/jobs/" + execution).then().body("batchStatus", equalTo("COMPLETED")));
        long drill = as(operatorKey).post("/backups/drills").then().statusCode(202).extract().jsonPath().getLong("executionId");
        eventually(Duration.ofSeconds(120), () -> as(operatorKey).get("/backups/jobs/" + drill).then().body("batchStatus", equalTo("COMPLETED")));
        String backup = as(operatorKey).get("/backups").then().extract().path("items[0].name");
        as(operatorKey).get("/backups/" + backup + "/archive").then().statusCode(200);
        eventually(Duration.ofSeconds(30), () -> as(operatorKey).get("/audit-events?limit=200").then()
                .body("items.action", hasItems("full-backup.requested", "full-backup.finished", "restore-drill.requested",
                        "restore-drill.finished", "backup.downloaded"))
                .body("items.find { it.action == 'full-backup.finished' && it.targetId == '" + execution + "' }.after",
                        containsString("COMPLETED")));

        Tenant tenant = newTenant();
        long report = as(tenant.adminKey()).body(Map.of("kind", "SLA_MONTHLY")).post("/reports").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        eventually(Duration.ofSeconds(60), () -> as(tenant.adminKey()).get("/audit-events?limit=200").then()
                .body("items.action", hasItems("sla-report.requested", "sla-report.finished")));

        // An ADMIN's sign-in and an ADMIN key's use go into the trail; a VIEWER's key use does not.
        anonymous().body(Map.of("email", tenant.email(), "password", tenant.password())).post("/sessions").then().statusCode(201);
        String viewer = issueKey(tenant, "VIEWER");
        as(viewer).get("/services").then().statusCode(200);
        as(tenant.adminKey()).get("/audit-events?limit=200").then()
                .body("items.action", hasItems("session.signed-in", "api-key.used"))
                .body("items.findAll { it.action == 'api-key.used' }.size()", equalTo(1));
        org.junit.jupiter.api.Assertions.assertTrue(report > 0);
    }
}
