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
