package com.aiaops.it;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Escalation policies over HTTP: steps with delays, schedules resolved to who is on call, repeats, isolation. */
class EscalationIT extends ApiIT {

    @Test
    void an_unacknowledged_incident_escalates_step_by_step_and_schedules_page_whoever_is_on_call() {
        Tenant tenant = newTenant();
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String senior = as(tenant.adminKey()).body(Map.of("email", unique("senior") + "@example.test", "displayName", "Senior",
                "role", "OPERATOR", "password", "a long enough password")).post("/members").then().statusCode(201).extract().path("id");
        String schedule = as(tenant.adminKey()).body(Map.of("name", "engineers", "timeZone", "UTC",
                        "firstHandoff", "2026-11-02T09:00:00", "turnLength", 1, "turnUnit", "WEEKS", "members", List.of(founder)))
                .post("/schedules").then().statusCode(201).extract().path("id");
        String policy = as(tenant.adminKey()).body(Map.of("name", "checkout", "repeats", 1, "steps", List.of(
                        Map.of("delayMinutes", 15, "targets", List.of(Map.of("type", "SCHEDULE", "id", schedule))),
                        Map.of("delayMinutes", 30, "targets", List.of(Map.of("type", "MEMBER", "id", senior))))))
                .post("/escalation-policies").then().statusCode(201).body("steps.size()", equalTo(2)).extract().path("id");

        String triggered = "2026-11-10T03:00:00Z";
        as(tenant.adminKey()).queryParam("triggeredAt", triggered).queryParam("at", "2026-11-10T03:10:00Z")
                .get("/escalation-policies/" + policy + "/paging").then().statusCode(200)
                .body("position.stepIndex", equalTo(0)).body("members", contains(founder))
                .body("position.nextEscalationAt", equalTo("2026-11-10T03:15:00Z"));
        as(tenant.adminKey()).queryParam("triggeredAt", triggered).queryParam("at", "2026-11-10T03:15:00Z")
                .get("/escalation-policies/" + policy + "/paging").then()
                .body("position.stepIndex", equalTo(1)).body("members", contains(senior));
        as(tenant.adminKey()).queryParam("triggeredAt", triggered).queryParam("at", "2026-11-10T03:50:00Z")
                .get("/escalation-policies/" + policy + "/paging").then()
                .body("position.stepIndex", equalTo(0)).body("position.loop", equalTo(1));
        as(tenant.adminKey()).queryParam("triggeredAt", triggered).queryParam("at", "2026-11-10T09:00:00Z")
                .get("/escalation-policies/" + policy + "/paging").then()
                .body("position.exhausted", equalTo(true)).body("position.nextEscalationAt", nullValue());
    }

    @Test
    void an_incident_under_a_policy_pages_each_step_on_time_until_someone_acknowledges_it() throws Exception {
        Tenant tenant = newTenant();
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String seniorEmail = unique("senior") + "@example.test";
        String senior = as(tenant.adminKey()).body(Map.of("email", seniorEmail, "displayName", "Senior",
                "role", "OPERATOR", "password", "a long enough password")).post("/members").then().statusCode(201).extract().path("id");
        String policy = as(tenant.adminKey()).body(Map.of("name", "two-steps", "steps", List.of(
                        Map.of("delayMinutes", 5, "targets", List.of(Map.of("type", "MEMBER", "id", founder))),
                        Map.of("delayMinutes", 10, "targets", List.of(Map.of("type", "MEMBER", "id", senior))))))
                .post("/escalation-policies").then().statusCode(201).extract().path("id");
        String serviceId = registerService(tenant.adminKey(), "payments");
        try (SmtpSink smtp = new SmtpSink()) {
            var opened = as(tenant.adminKey()).body(Map.of("title", "Payments failing", "severity", "P1",
                    "serviceIds", List.of(serviceId), "escalationPolicyId", policy)).post("/incidents").then().statusCode(201).extract();
            String incident = opened.path("id");
            java.time.Instant triggered = java.time.Instant.parse(opened.path("triggeredAt"));

            // Step 1 pages the founder at once, and waits its 5 minutes.
            eventually(java.time.Duration.ofSeconds(20), () -> as(tenant.adminKey()).get("/incidents/" + incident).then()
                    .body("escalationStepsPaged", equalTo(1))
                    .body("nextEscalationAt", equalTo(triggered.plus(java.time.Duration.ofMinutes(5)).toString())));
            as(tenant.adminKey()).queryParam("sourceId", incident).get("/notifications").then()
                    .body("items.target", contains(tenant.email()));

            // Five minutes on, unacknowledged: step 2 pages the senior engineer.
            clockAhead(java.time.Duration.ofMinutes(5));
            eventually(java.time.Duration.ofSeconds(20), () -> as(tenant.adminKey()).get("/incidents/" + incident).then()
                    .body("escalationStepsPaged", equalTo(2)).body("nextEscalationAt", nullValue()));
            as(tenant.adminKey()).queryParam("sourceId", incident).get("/notifications").then()
                    .body("items.target", contains(seniorEmail, tenant.email()));
            as(tenant.adminKey()).get("/incidents/" + incident + "/timeline").then()
                    .body("items.findAll { it.kind == 'PAGE' }.text", contains(
                            org.hamcrest.Matchers.startsWith("Paged step 1 of two-steps (round 1): member " + founder),
                            org.hamcrest.Matchers.startsWith("Paged step 2 of two-steps (round 1): member " + senior)));
            // The sink also gets other tests' mail; this incident's two pages arrive, once each.
            eventually(java.time.Duration.ofSeconds(30), () -> org.junit.jupiter.api.Assertions.assertEquals(2, smtp.mails.stream()
                    .filter(m -> m.has("incidentId: " + incident)).count()));
            org.junit.jupiter.api.Assertions.assertTrue(smtp.mails.stream().anyMatch(m -> m.recipients().contains(seniorEmail)
                    && m.has("[P1] Payments failing needs acknowledging")));
        }
    }

    @Test
    void acknowledging_stops_the_escalation_and_a_reopen_starts_it_again() {
        Tenant tenant = newTenant();
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String policy = as(tenant.adminKey()).body(Map.of("name", "solo", "repeats", 2, "steps", List.of(
                        Map.of("delayMinutes", 5, "targets", List.of(Map.of("type", "MEMBER", "id", founder))))))
                .post("/escalation-policies").then().statusCode(201).extract().path("id");
        String serviceId = registerService(tenant.adminKey(), "search");
        String incident = as(tenant.adminKey()).body(Map.of("title", "Search slow", "severity", "P2",
                "serviceIds", List.of(serviceId), "escalationPolicyId", policy)).post("/incidents").then().statusCode(201).extract().path("id");
        eventually(java.time.Duration.ofSeconds(20), () -> as(tenant.adminKey()).get("/incidents/" + incident).then()
                .body("escalationStepsPaged", equalTo(1)));
        as(tenant.adminKey()).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + incident + "/transitions").then().statusCode(200)
                .body("nextEscalationAt", nullValue());
        as(tenant.adminKey()).body(Map.of("to", "RESOLVED")).post("/incidents/" + incident + "/transitions").then().statusCode(200);
        // Reopened: it pages again from the first step.
        as(tenant.adminKey()).body(Map.of("to", "TRIGGERED")).post("/incidents/" + incident + "/transitions").then().statusCode(200)
                .body("escalationStepsPaged", equalTo(0));
        eventually(java.time.Duration.ofSeconds(20), () -> as(tenant.adminKey()).get("/incidents/" + incident).then()
                .body("escalationStepsPaged", equalTo(1)));
        as(tenant.adminKey()).queryParam("sourceId", incident).get("/notifications").then().body("items", org.hamcrest.Matchers.hasSize(2));
        as(tenant.adminKey()).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + incident + "/transitions").then().statusCode(200);
    }

    @org.junit.jupiter.api.AfterEach
    void realTimeAgain() {
        clockAhead(java.time.Duration.ZERO);
    }

    @Test
    void policies_are_validated_and_private_to_their_organisation() {
        Tenant tenant = newTenant();
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        as(tenant.adminKey()).body(Map.of("name", "empty", "steps", List.of())).post("/escalation-policies").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("name", "ghost", "steps", List.of(Map.of("delayMinutes", 5,
                "targets", List.of(Map.of("type", "MEMBER", "id", java.util.UUID.randomUUID().toString()))))))
                .post("/escalation-policies").then().statusCode(400);
        String policy = as(tenant.adminKey()).body(Map.of("name", "solo", "steps", List.of(Map.of("delayMinutes", 5,
                        "targets", List.of(Map.of("type", "MEMBER", "id", founder))))))
                .post("/escalation-policies").then().statusCode(201).extract().path("id");
        Tenant other = newTenant();
        as(other.adminKey()).get("/escalation-policies/" + policy).then().statusCode(404);
        as(other.adminKey()).get("/escalation-policies/" + policy + "/paging").then().statusCode(404);
        as(tenant.adminKey()).queryParam("triggeredAt", "2026-11-10T03:00:00Z").queryParam("at", "2026-11-10T02:00:00Z")
                .get("/escalation-policies/" + policy + "/paging").then().statusCode(400);
    }
}
