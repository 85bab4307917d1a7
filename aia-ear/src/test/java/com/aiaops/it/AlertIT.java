package com.aiaops.it;

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
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alert rules over HTTP: each kind fires, de-duplicates, is acknowledged and resolves; paging alerts open or join
 * an incident with the severity their burn-rate pair suggests; maintenance mutes them.
 */
class AlertIT extends ApiIT {

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    private static Map<String, Object> rule(String name, String kind) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", name);
        rule.put("kind", kind);
        return rule;
    }

    private static String define(String key, Map<String, Object> rule) {
        return as(key).body(rule).post("/alert-rules").then().statusCode(201).extract().path("id");
    }

    @Test
    void a_slow_service_fires_one_alert_that_is_acknowledged_and_resolves_when_latency_recovers() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        String ingest = issueKey(tenant, "INGEST");
        try (Receiver receiver = new Receiver()) {
            String channel = as(tenant.adminKey()).body(Map.of("name", "ops", "type", "WEBHOOK", "target", receiver.url()))
                    .post("/notification-channels").then().statusCode(201).extract().path("id");
            Map<String, Object> slow = rule("search-p95", "LATENCY");
            slow.put("serviceId", serviceId);
            slow.put("quantile", 0.95);
            slow.put("threshold", 500);
            slow.put("windowMinutes", 5);
            slow.put("urgency", "TICKET");
            slow.put("channelIds", List.of(channel));
            String ruleId = define(tenant.adminKey(), slow);

            // Nothing yet: too few requests to judge is not a breach.
            as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200)
                    .body("breaching", equalTo(false)).body("alert", nullValue());

            Instant now = Instant.now();
            as(ingest).body(batch(spread("search", now.minusSeconds(200), 3, 100, 0, 800))).post("/telemetry/observations")
                    .then().statusCode(200);
            String alertId = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(200)
                    .body("breaching", equalTo(true)).body("summary", containsString("p95 latency"))
                    .body("alert.state", equalTo("FIRING")).body("alert.urgency", equalTo("TICKET"))
                    .body("alert.incidentId", nullValue()).extract().path("alert.id");

            // Still slow: the same alert, counted again, not a second one.
            as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then()
                    .body("alert.id", equalTo(alertId)).body("alert.occurrences", greaterThanOrEqualTo(2));
            as(tenant.adminKey()).queryParam("ruleId", ruleId).get("/alerts").then().body("items", hasSize(1));
            as(tenant.adminKey()).queryParam("state", "FIRING").get("/alerts").then().body("items.id", org.hamcrest.Matchers.contains(alertId));
            as(tenant.adminKey()).queryParam("state", "ACKNOWLEDGED").get("/alerts").then().body("items", hasSize(0));

            as(tenant.adminKey()).post("/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                    .body("state", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", containsString("api-key:"));
            // Each kept list has the move at once: the alert left the firing list and is in the acknowledged one.
            as(tenant.adminKey()).queryParam("state", "FIRING").get("/alerts").then().body("items", hasSize(0));
            as(tenant.adminKey()).queryParam("state", "ACKNOWLEDGED").get("/alerts").then().body("items.id", org.hamcrest.Matchers.contains(alertId));
            as(tenant.adminKey()).queryParam("ruleId", ruleId).get("/alerts").then().body("items[0].state", equalTo("ACKNOWLEDGED"));
            as(tenant.adminKey()).post("/alerts/" + alertId + "/acknowledge").then().statusCode(409)
                    .body("type", equalTo("urn:aia-ops:problem:invalid-transition"));
            as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then()
                    .body("alert.id", equalTo(alertId)).body("alert.state", equalTo("ACKNOWLEDGED"));

            // Ten minutes later the window holds no slow requests: the alert resolves by itself — at this evaluation, or
            // at the scheduled one, which finds the rule due as soon as the clock has moved and may come first.
            clockAhead(Duration.ofMinutes(10));
            as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().body("breaching", equalTo(false));
            as(tenant.adminKey()).get("/alerts/" + alertId).then().statusCode(200)
                    .body("state", equalTo("RESOLVED")).body("resolvedBy", equalTo("condition cleared"));
            as(tenant.adminKey()).queryParam("ruleId", ruleId).get("/alerts").then().body("items[0].state", equalTo("RESOLVED"));
            as(tenant.adminKey()).get("/alert-rules/" + ruleId).then().body("openAlertId", nullValue());

            // The channel was told each step, in order.
            eventually(Duration.ofSeconds(30), () -> assertEquals(List.of("alert.firing", "alert.acknowledged", "alert.resolved"),
                    receiver.accepted().stream().map(r -> r.header("X-AIA-Event")).sorted(java.util.Comparator.comparing(
                            e -> List.of("alert.firing", "alert.acknowledged", "alert.resolved").indexOf(e))).toList()));
            // A delivery is marked once the receiver's answer is back, a moment after the receiver has the request.
            eventually(Duration.ofSeconds(30), () -> as(tenant.adminKey()).queryParam("sourceId", alertId).get("/notifications").then()
                    .body("items", hasSize(3)).body("items.state", everyItem(equalTo("DELIVERED"))));
        }
    }

    @Test
    void a_fast_burn_opens_a_P1_incident_and_a_second_paging_alert_joins_it() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        String ingest = issueKey(tenant, "INGEST");
        String slo = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "checkout-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99, "window", "30d", "minimumEvents", 100)).post("/slos").then().statusCode(201).extract().path("id");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            as(ingest).body(batch(spread("checkout", now.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(10L * i)), 10, 10_000, 0, 30)))
                    .post("/telemetry/observations").then().statusCode(200);
        }
        as(ingest).body(batch(spread("checkout", now.minusSeconds(180), 3, 1000, 200, 30))).post("/telemetry/observations")
                .then().statusCode(200);

        Map<String, Object> burn = rule("checkout-burn", "BURN_RATE");
        burn.put("sloId", slo);
        String burnRule = define(tenant.adminKey(), burn);
        // 20× over 1 h and 5 m fires the 14.4× page pair with 35 % of the budget left: P1.
        var burning = as(tenant.adminKey()).post("/alert-rules/" + burnRule + "/evaluations").then().statusCode(200)
                .body("breaching", equalTo(true)).body("urgency", equalTo("PAGE")).body("suggestedSeverity", equalTo("P1"))
                .body("summary", containsString("factor 14.4×")).body("alert.incidentId", notNullValue()).extract();
        String incident = burning.path("alert.incidentId");
        String burnAlert = burning.path("alert.id");
        as(tenant.adminKey()).get("/incidents/" + incident).then().statusCode(200)
                .body("severity", equalTo("P1")).body("state", equalTo("TRIGGERED")).body("serviceIds", hasItem(serviceId));

        // A second paging rule on the same service joins the open incident and raises it to its own severity.
        Map<String, Object> errors = rule("checkout-errors", "ERROR_RATE");
        errors.put("serviceId", serviceId);
        errors.put("threshold", 0.01);
        errors.put("incidentSeverity", "P0");
        String errorRule = define(tenant.adminKey(), errors);
        String errorAlert = as(tenant.adminKey()).post("/alert-rules/" + errorRule + "/evaluations").then()
                .body("breaching", equalTo(true)).body("summary", containsString("error rate 20.00 %"))
                .body("alert.incidentId", equalTo(incident)).extract().path("alert.id");
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("severity", equalTo("P0"));
        as(tenant.adminKey()).get("/incidents/" + incident + "/alerts").then().statusCode(200)
                .body("items.id", hasItems(burnAlert, errorAlert));
        as(tenant.adminKey()).get("/incidents/" + incident + "/timeline").then()
                .body("items.kind", hasItems("STATE", "ALERT", "SEVERITY"))
                .body("items.text", hasItem(containsString("P1 → P0")));
        as(tenant.adminKey()).get("/incidents").then().body("items", hasSize(1));
    }

    @Test
    void a_check_that_goes_down_pages_and_resolves_when_it_is_up_again() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "portal");
        try (Receiver target = new Receiver()) {
            target.status.set(500);
            String check = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "portal-home", "url", target.url(),
                    "intervalSeconds", 60, "enabled", false)).post("/checks").then().statusCode(201).extract().path("id");
            Map<String, Object> down = rule("portal-down", "CHECK_DOWN");
            down.put("checkId", check);
            down.put("incidentSeverity", "P2");
            String ruleId = define(tenant.adminKey(), down);
            as(tenant.adminKey()).get("/alert-rules/" + ruleId).then().body("serviceId", equalTo(serviceId));

            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().statusCode(200).body("up", equalTo(false));
            String incident = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then()
                    .body("breaching", equalTo(true)).body("alert.state", equalTo("FIRING"))
                    .body("alert.summary", containsString("expected status 200, got 500"))
                    .extract().path("alert.incidentId");
            as(tenant.adminKey()).get("/incidents/" + incident).then().body("severity", equalTo("P2"));

            // Resolved by hand while the check is still down: the next evaluation raises a new alert, which joins the incident.
            String first = as(tenant.adminKey()).queryParam("ruleId", ruleId).get("/alerts").then().extract().path("items[0].id");
            as(tenant.adminKey()).post("/alerts/" + first + "/resolve").then().statusCode(200)
                    .body("state", equalTo("RESOLVED")).body("resolvedBy", containsString("api-key:"));
            as(tenant.adminKey()).post("/alerts/" + first + "/resolve").then().statusCode(409);
            as(tenant.adminKey()).post("/alerts/" + first + "/acknowledge").then().statusCode(409);
            String second = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then()
                    .body("alert.state", equalTo("FIRING")).body("alert.incidentId", equalTo(incident)).extract().path("alert.id");
            org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
            as(tenant.adminKey()).get("/incidents/" + incident + "/alerts").then().body("items.id", hasItems(first, second));

            target.status.set(200);
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().body("up", equalTo(true));
            as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().body("breaching", equalTo(false));
            // Resolved by this evaluation or by the scheduled one (every 30 s) that may have come just before it.
            as(tenant.adminKey()).get("/alerts/" + second).then().statusCode(200).body("state", equalTo("RESOLVED"));
        }
    }

    @Test
    void maintenance_mutes_notifications_and_opens_no_incident() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "billing");
        String ingest = issueKey(tenant, "INGEST");
        String channel = as(tenant.adminKey()).body(Map.of("name", "slack", "type", "SLACK", "target", "http://127.0.0.1:9/hook"))
                .post("/notification-channels").then().statusCode(201).extract().path("id");
        Instant now = Instant.now();
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "title", "database upgrade",
                "startsAt", now.minusSeconds(600).toString(), "endsAt", now.plusSeconds(3600).toString()))
                .post("/maintenance-windows").then().statusCode(201);
        as(ingest).body(batch(spread("billing", now.minusSeconds(120), 2, 100, 50, 30))).post("/telemetry/observations")
                .then().statusCode(200);
        Map<String, Object> errors = rule("billing-errors", "ERROR_RATE");
        errors.put("serviceId", serviceId);
        errors.put("threshold", 0.05);
        errors.put("channelIds", List.of(channel));
        String ruleId = define(tenant.adminKey(), errors);
        String alert = as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then()
                .body("breaching", equalTo(true)).body("alert.mutedReason", equalTo("under maintenance: database upgrade"))
                .body("alert.incidentId", nullValue()).extract().path("alert.id");
        as(tenant.adminKey()).queryParam("sourceId", alert).get("/notifications").then()
                .body("items", hasSize(1)).body("items[0].state", equalTo("MUTED"))
                .body("items[0].lastError", equalTo("under maintenance: database upgrade"));
        as(tenant.adminKey()).get("/incidents").then().body("items", hasSize(0));
    }

    @Test
    void rules_are_validated_role_checked_and_private_to_their_organisation() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String theirService = registerService(other.adminKey(), "api");
        Map<String, Object> noThreshold = rule("no-threshold", "LATENCY");
        noThreshold.put("serviceId", serviceId);
        noThreshold.put("quantile", 0.95);
        as(tenant.adminKey()).body(noThreshold).post("/alert-rules").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("threshold"));
        Map<String, Object> theirs = rule("theirs", "ERROR_RATE");
        theirs.put("serviceId", theirService);
        theirs.put("threshold", 0.01);
        as(tenant.adminKey()).body(theirs).post("/alert-rules").then().statusCode(400);
        Map<String, Object> badRatio = rule("bad-ratio", "ERROR_RATE");
        badRatio.put("serviceId", serviceId);
        badRatio.put("threshold", 5);
        as(tenant.adminKey()).body(badRatio).post("/alert-rules").then().statusCode(400);
        Map<String, Object> noCheck = rule("no-check", "CHECK_DOWN");
        as(tenant.adminKey()).body(noCheck).post("/alert-rules").then().statusCode(400);

        Map<String, Object> ok = rule("api-errors", "ERROR_RATE");
        ok.put("serviceId", serviceId);
        ok.put("threshold", 0.01);
        as(issueKey(tenant, "VIEWER")).body(ok).post("/alert-rules").then().statusCode(403);
        String ruleId = define(tenant.adminKey(), ok);
        as(tenant.adminKey()).body(ok).post("/alert-rules").then().statusCode(409);
        as(other.adminKey()).get("/alert-rules/" + ruleId).then().statusCode(404);
        as(other.adminKey()).post("/alert-rules/" + ruleId + "/evaluations").then().statusCode(404);
        as(other.adminKey()).delete("/alert-rules/" + ruleId).then().statusCode(404);
        as(tenant.adminKey()).post("/alert-rules/" + ruleId + "/disable").then().statusCode(200).body("enabled", equalTo(false));
        as(tenant.adminKey()).delete("/alert-rules/" + ruleId).then().statusCode(204);
        assertTrue(as(tenant.adminKey()).get("/alert-rules").then().extract().<List<?>>path("items").isEmpty());
    }

    /**
     * Rules, escalation policies and maintenance windows are kept until one of their kind changes; a rule's view only until
     * its next evaluation is due (the scheduler's claim moves it on without changing the rule otherwise).
     */
    @Test
    void kept_rules_policies_and_windows_follow_every_change() {
        Tenant tenant = newTenant();
        String key = tenant.adminKey();
        String serviceId = registerService(key, "api");
        Map<String, Object> errors = rule("api-errors", "ERROR_RATE");
        errors.put("serviceId", serviceId);
        errors.put("threshold", 0.01);
        String ruleId = define(key, errors);
        String firstEvaluation = as(key).get("/alert-rules/" + ruleId).then().statusCode(200).body("enabled", equalTo(true))
                .extract().path("nextEvaluationAt");
        as(key).get("/alert-rules").then().body("items.nextEvaluationAt", contains(firstEvaluation));
        // Due at once: the scheduler (every 5 s) claims it and sets the next evaluation a while ahead, which both reads show
        // well before a kept answer's 60 s in the cache are over.
        eventually(Duration.ofSeconds(30), () -> {
            String next = as(key).get("/alert-rules/" + ruleId).then().extract().path("nextEvaluationAt");
            assertTrue(Instant.parse(next).isAfter(Instant.parse(firstEvaluation)), "evaluated: " + next);
            as(key).get("/alert-rules").then().body("items.nextEvaluationAt", contains(next));
        });
        as(key).post("/alert-rules/" + ruleId + "/disable").then().statusCode(200);
        as(key).get("/alert-rules/" + ruleId).then().body("enabled", equalTo(false));
        as(key).get("/alert-rules").then().body("items.enabled", contains(false));
        as(key).delete("/alert-rules/" + ruleId).then().statusCode(204);
        as(key).get("/alert-rules/" + ruleId).then().statusCode(404);
        as(key).get("/alert-rules").then().body("items", hasSize(0));

        String founder = as(key).get("/members").then().extract().path("items[0].id");
        Map<String, Object> oneStep = Map.of("name", "first", "steps", List.of(Map.of("delayMinutes", 5, "targets",
                List.of(Map.of("type", "MEMBER", "id", founder)))));
        String first = as(key).body(oneStep).post("/escalation-policies").then().statusCode(201).extract().path("id");
        as(key).get("/escalation-policies/" + first).then().statusCode(200).body("name", equalTo("first"));
        as(key).get("/escalation-policies").then().body("items.name", contains("first"));
        as(key).body(Map.of("name", "second", "steps", oneStep.get("steps"))).post("/escalation-policies").then().statusCode(201);
        as(key).get("/escalation-policies").then().body("items.name", contains("first", "second"));
        as(newTenant().adminKey()).get("/escalation-policies/" + first).then().statusCode(404);

        Instant now = Instant.now();
        String window = as(key).body(Map.of("serviceId", serviceId, "title", "database upgrade", "startsAt", now.plusSeconds(600).toString(),
                "endsAt", now.plusSeconds(3600).toString())).post("/maintenance-windows").then().statusCode(201).extract().path("id");
        as(key).get("/maintenance-windows/" + window).then().statusCode(200).body("title", equalTo("database upgrade"));
        as(key).delete("/maintenance-windows/" + window).then().statusCode(204);
        as(key).get("/maintenance-windows/" + window).then().statusCode(404);
    }
}
