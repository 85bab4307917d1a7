package com.aiaops.it;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Incidents over HTTP: the life cycle with its timestamps and timeline, roles, severity, metrics, isolation. */
class IncidentIT extends ApiIT {

    private static String open(Tenant tenant, String serviceId, String severity) {
        return as(tenant.adminKey()).body(Map.of("title", "Checkout errors", "severity", severity, "serviceIds", List.of(serviceId),
                        "summary", "5xx on checkout"))
                .post("/incidents").then().statusCode(201).body("state", equalTo("TRIGGERED"))
                .body("responseDueAt", notNullValue()).extract().path("id");
    }

    private static void move(Tenant tenant, String id, String to, int status) {
        as(tenant.adminKey()).body(Map.of("to", to, "note", "now " + to)).post("/incidents/" + id + "/transitions")
                .then().statusCode(status);
    }

    @Test
    void an_incident_goes_through_its_life_cycle_and_its_timeline_keeps_the_order() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        String id = open(tenant, serviceId, "P1");
        move(tenant, id, "MITIGATED", 409);
        for (String to : List.of("ACKNOWLEDGED", "MITIGATED", "RESOLVED", "POSTMORTEM")) {
            move(tenant, id, to, 200);
        }
        // Under review, it closes once the postmortem is written (PostmortemIT covers the review itself).
        as(tenant.adminKey()).body(Map.of("summary", "reviewed")).put("/incidents/" + id + "/postmortem").then().statusCode(200);
        move(tenant, id, "CLOSED", 200);
        move(tenant, id, "TRIGGERED", 409);
        as(tenant.adminKey()).get("/incidents/" + id).then().statusCode(200).body("state", equalTo("CLOSED"))
                .body("acknowledgedAt", notNullValue()).body("mitigatedAt", notNullValue())
                .body("resolvedAt", notNullValue()).body("closedAt", notNullValue())
                .body("responseSlaMissed", equalTo(false)).body("allowedTransitions.size()", equalTo(0));
        as(tenant.adminKey()).get("/incidents/" + id + "/timeline").then().statusCode(200)
                .body("items.text", contains(containsString("Triggered (P1): 5xx on checkout"), containsString("ACKNOWLEDGED"),
                        containsString("MITIGATED"), containsString("RESOLVED"), containsString("POSTMORTEM"), containsString("CLOSED")));
        as(tenant.adminKey()).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + id + "/transitions").then()
                .statusCode(409).contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:invalid-transition"));
    }

    @Test
    void roles_severity_notes_and_metrics() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String id = open(tenant, serviceId, "P2");
        as(tenant.adminKey()).body(Map.of("role", "COMMANDER", "memberId", founder)).put("/incidents/" + id + "/roles")
                .then().statusCode(200).body("commander", equalTo(founder)).body("scribe", nullValue());
        as(tenant.adminKey()).body(Map.of("role", "SCRIBE", "memberId", java.util.UUID.randomUUID().toString()))
                .put("/incidents/" + id + "/roles").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("severity", "P0", "reason", "all regions")).put("/incidents/" + id + "/severity")
                .then().statusCode(200).body("severity", equalTo("P0"));
        as(tenant.adminKey()).body(Map.of("text", "Rolling back release 42", "publicUpdate", true))
                .post("/incidents/" + id + "/timeline").then().statusCode(201).body("publicUpdate", equalTo(true));
        move(tenant, id, "ACKNOWLEDGED", 200);
        move(tenant, id, "RESOLVED", 200);
        as(tenant.adminKey()).get("/incidents/metrics").then().statusCode(200).body("incidents", equalTo(1))
                .body("mtta", notNullValue()).body("mttr", notNullValue()).body("mtbf", nullValue());
        as(tenant.adminKey()).queryParam("serviceId", serviceId).get("/incidents/metrics").then().body("incidents", equalTo(1));
    }

    @Test
    void incidents_are_invisible_to_other_organisations_and_validated() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String id = open(tenant, serviceId, "P3");
        Tenant other = newTenant();
        as(other.adminKey()).get("/incidents/" + id).then().statusCode(404);
        as(other.adminKey()).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + id + "/transitions").then().statusCode(404);
        as(other.adminKey()).get("/incidents/" + id + "/timeline").then().statusCode(404);
        as(other.adminKey()).body(Map.of("title", "theirs", "severity", "P1", "serviceIds", List.of(serviceId)))
                .post("/incidents").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("title", "bad", "severity", "P9", "serviceIds", List.of())).post("/incidents")
                .then().statusCode(400);
        as(issueKey(tenant, "VIEWER")).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + id + "/transitions")
                .then().statusCode(403);
        as(tenant.adminKey()).get("/incidents/" + id).then().body("state", equalTo("TRIGGERED"));
    }

    @Test
    void incidents_page_newest_first_on_request_with_cursors_that_keep_their_order() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "orders");
        List<String> opened = new java.util.ArrayList<>();
        for (String title : List.of("first", "second", "third")) {
            opened.add(as(tenant.adminKey()).body(Map.of("title", title, "severity", "P3", "serviceIds", List.of(serviceId)))
                    .post("/incidents").then().statusCode(201).extract().path("id"));
        }
        var newest = as(tenant.adminKey()).queryParam("order", "newest").queryParam("limit", 2).get("/incidents").then().statusCode(200)
                .body("items.title", contains("third", "second")).extract();
        String cursor = newest.path("nextCursor");
        as(tenant.adminKey()).queryParam("order", "newest").queryParam("limit", 2).queryParam("cursor", cursor).get("/incidents").then()
                .statusCode(200).body("items.title", contains("first")).body("nextCursor", nullValue());
        // A cursor belongs to its order; an order that is neither is refused by name.
        as(tenant.adminKey()).queryParam("limit", 2).queryParam("cursor", cursor).get("/incidents").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("cursor"));
        as(tenant.adminKey()).queryParam("order", "sideways").get("/incidents").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("order"));
        as(tenant.adminKey()).queryParam("limit", 2).get("/incidents").then().body("items.title", contains("first", "second"));
    }

    /** The server filters the list: status open or closed, severity, a service touched; the cursor keeps the filter. */
    @Test
    void incidents_are_filtered_by_the_server_on_status_severity_and_service_with_cursors() {
        Tenant tenant = newTenant();
        String orders = registerService(tenant.adminKey(), "orders");
        String search = registerService(tenant.adminKey(), "search");
        String p1Orders = open(tenant, orders, "P1");
        String p3Orders = open(tenant, orders, "P3");
        String p1Search = open(tenant, search, "P1");
        String p1Both = as(tenant.adminKey()).body(Map.of("title", "Both", "severity", "P1", "serviceIds", List.of(orders, search)))
                .post("/incidents").then().statusCode(201).extract().path("id");
        move(tenant, p3Orders, "RESOLVED", 200);

        as(tenant.adminKey()).queryParam("status", "open").queryParam("order", "newest").get("/incidents").then().statusCode(200)
                .body("items.id", contains(p1Both, p1Search, p1Orders));
        as(tenant.adminKey()).queryParam("status", "closed").get("/incidents").then().body("items.id", contains(p3Orders));
        as(tenant.adminKey()).queryParam("severity", "p1").queryParam("serviceId", search).get("/incidents").then()
                .body("items.id", contains(p1Search, p1Both));
        var page = as(tenant.adminKey()).queryParam("serviceId", orders).queryParam("limit", 2).get("/incidents").then()
                .body("items.id", contains(p1Orders, p3Orders)).extract();
        as(tenant.adminKey()).queryParam("serviceId", orders).queryParam("limit", 2).queryParam("cursor", (String) page.path("nextCursor"))
                .get("/incidents").then().body("items.id", contains(p1Both)).body("nextCursor", nullValue());

        as(tenant.adminKey()).queryParam("severity", "P9").get("/incidents").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("severity"));
        as(tenant.adminKey()).queryParam("status", "ajar").get("/incidents").then().statusCode(400);
        as(tenant.adminKey()).queryParam("serviceId", "not-an-id").get("/incidents").then().statusCode(400)
                .body("detail", containsString("serviceId"));
        Tenant other = newTenant();
        as(other.adminKey()).queryParam("serviceId", orders).get("/incidents").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void a_kept_page_of_incidents_follows_every_change_and_the_response_sla_as_its_due_time_passes() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "kept");
        try {
            String first = as(tenant.adminKey()).body(Map.of("title", "Checkout down", "severity", "P0", "serviceIds", List.of(serviceId)))
                    .post("/incidents").then().statusCode(201).extract().path("id");
            String before = as(tenant.adminKey()).get("/incidents").then().statusCode(200).body("items.id", contains(first))
                    .body("items[0].responseSlaMissed", equalTo(false)).extract().asString();
            org.junit.jupiter.api.Assertions.assertEquals(before, as(tenant.adminKey()).get("/incidents").then().extract().asString());
            as(tenant.adminKey()).queryParam("status", "open").get("/incidents").then().body("items.id", contains(first));
            as(tenant.adminKey()).queryParam("status", "closed").get("/incidents").then().body("items", org.hamcrest.Matchers.empty());

            for (int read = 0; read < 2; read++) {
                as(tenant.adminKey()).get("/incidents/" + first).then().statusCode(200).header("ETag", "\"0\"")
                        .body("responseSlaMissed", equalTo(false)).body("allowedTransitions", org.hamcrest.Matchers.hasItem("ACKNOWLEDGED"));
            }

            // Past its 15 minutes unacknowledged, the same page says the response SLA is missed: nothing changed but the time.
            clockAhead(java.time.Duration.ofMinutes(16));
            as(tenant.adminKey()).get("/incidents").then().statusCode(200).body("items[0].responseSlaMissed", equalTo(true));
            as(tenant.adminKey()).get("/incidents/" + first).then().statusCode(200).header("ETag", "\"0\"").body("responseSlaMissed", equalTo(true));

            String second = as(tenant.adminKey()).body(Map.of("title", "Search slow", "severity", "P2", "serviceIds", List.of(serviceId)))
                    .post("/incidents").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).get("/incidents").then().body("items.id", contains(first, second))
                    .body("items.responseSlaMissed", contains(true, false));

            // A move in its life cycle is in the next page of each list, and in no list it has left.
            as(tenant.adminKey()).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + second + "/transitions").then().statusCode(200);
            as(tenant.adminKey()).get("/incidents").then().body("items[1].state", equalTo("ACKNOWLEDGED"))
                    .body("items[1].acknowledgedAt", notNullValue()).body("items[1].version", equalTo(1));
            as(tenant.adminKey()).get("/incidents/" + second).then().statusCode(200).header("ETag", "\"1\"")
                    .body("state", equalTo("ACKNOWLEDGED")).body("allowedTransitions", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("ACKNOWLEDGED")));
            as(newTenant().adminKey()).get("/incidents/" + second).then().statusCode(404);
            as(tenant.adminKey()).body(Map.of("to", "RESOLVED")).post("/incidents/" + first + "/transitions").then().statusCode(200);
            as(tenant.adminKey()).queryParam("status", "open").get("/incidents").then().body("items.id", contains(second));
            as(tenant.adminKey()).queryParam("status", "closed").get("/incidents").then().body("items.id", contains(first))
                    .body("items[0].state", equalTo("RESOLVED"));
            as(tenant.adminKey()).queryParam("severity", "P2").get("/incidents").then().body("items.id", contains(second));
            as(newTenant().adminKey()).get("/incidents").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        } finally {
            clockAhead(java.time.Duration.ZERO);
        }
    }
}
