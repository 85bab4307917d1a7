package com.aiaops.it;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** Postmortems and their action items, and the rule that an incident in review closes only with its review written. */
class PostmortemIT extends ApiIT {

    private static void move(Tenant tenant, String incident, String to, int status) {
        as(tenant.adminKey()).body(Map.of("to", to)).post("/incidents/" + incident + "/transitions").then().statusCode(status);
    }

    @Test
    void a_resolved_incident_is_reviewed_its_action_items_tracked_and_then_closed() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "orders");
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String incident = as(tenant.adminKey()).body(Map.of("title", "Orders lost", "severity", "P1", "serviceIds", List.of(serviceId)))
                .post("/incidents").then().statusCode(201).extract().path("id");

        // Not before it is resolved.
        as(tenant.adminKey()).body(Map.of("summary", "too early")).put("/incidents/" + incident + "/postmortem").then().statusCode(409)
                .body("type", equalTo("urn:aia-ops:problem:invalid-state"));
        as(tenant.adminKey()).get("/incidents/" + incident + "/postmortem").then().statusCode(404);
        move(tenant, incident, "ACKNOWLEDGED", 200);
        move(tenant, incident, "RESOLVED", 200);
        move(tenant, incident, "POSTMORTEM", 200);
        move(tenant, incident, "CLOSED", 409);

        var written = as(tenant.adminKey()).body(Map.of("summary", "A queue consumer dropped messages", "impact", "312 orders delayed",
                        "rootCause", "ack before commit", "lessons", "commit, then ack"))
                .put("/incidents/" + incident + "/postmortem").then().statusCode(200).header("ETag", notNullValue()).extract();
        String etag = written.header("ETag");
        as(tenant.adminKey()).header("If-Match", "\"999\"").body(Map.of("summary", "stale"))
                .put("/incidents/" + incident + "/postmortem").then().statusCode(412);
        as(tenant.adminKey()).header("If-Match", etag).body(Map.of("summary", "A queue consumer acknowledged before committing"))
                .put("/incidents/" + incident + "/postmortem").then().statusCode(200).body("rootCause", equalTo(null));

        LocalDate yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        String overdue = as(tenant.adminKey()).body(Map.of("title", "Commit before ack", "ownerId", founder, "dueOn", yesterday.toString()))
                .post("/incidents/" + incident + "/action-items").then().statusCode(201)
                .body("state", equalTo("OPEN")).body("overdue", equalTo(true)).extract().path("id");
        String later = as(tenant.adminKey()).body(Map.of("title", "Alert on consumer lag", "ownerId", founder,
                        "dueOn", yesterday.plusDays(30).toString()))
                .post("/incidents/" + incident + "/action-items").then().statusCode(201).body("overdue", equalTo(false)).extract().path("id");
        as(tenant.adminKey()).body(Map.of("title", "Nobody's", "ownerId", java.util.UUID.randomUUID().toString(), "dueOn", "2027-01-01"))
                .post("/incidents/" + incident + "/action-items").then().statusCode(400);
        as(tenant.adminKey()).queryParam("overdue", true).get("/action-items").then().body("items.id", contains(overdue));
        as(tenant.adminKey()).get("/action-items").then().body("items.id", contains(overdue, later));

        as(tenant.adminKey()).body(Map.of("state", "DONE")).patch("/incidents/" + incident + "/action-items/" + overdue).then()
                .statusCode(200).body("state", equalTo("DONE")).body("overdue", equalTo(false)).body("finishedAt", notNullValue());
        as(tenant.adminKey()).get("/action-items").then().body("items.id", contains(later));
        as(tenant.adminKey()).get("/incidents/" + incident + "/action-items").then().body("items", hasSize(2));

        move(tenant, incident, "CLOSED", 200);
        as(tenant.adminKey()).body(Map.of("summary", "after closing")).put("/incidents/" + incident + "/postmortem").then().statusCode(409);

        Tenant other = newTenant();
        as(other.adminKey()).get("/incidents/" + incident + "/postmortem").then().statusCode(404);
        as(other.adminKey()).get("/incidents/" + incident + "/action-items").then().statusCode(404);
        as(other.adminKey()).body(Map.of("state", "WONT_DO")).patch("/incidents/" + incident + "/action-items/" + later).then().statusCode(404);
        as(other.adminKey()).get("/action-items").then().body("items", hasSize(0));
    }
}
