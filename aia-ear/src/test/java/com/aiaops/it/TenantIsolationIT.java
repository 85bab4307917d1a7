package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * An organisation's objects do not exist for anyone else: every endpoint, called by another
 * organisation's ADMIN (with a key and with a session) on them, answers 404, and nothing changes.
 */
class TenantIsolationIT extends ApiIT {

    @Test
    void another_organisations_objects_answer_404_on_every_endpoint_and_stay_unchanged() {
        Tenant a = newTenant();
        String serviceId = registerService(a.adminKey(), "payments");
        String memberId = as(a.adminKey())
                .body(Map.of("email", unique("person") + "@example.test", "displayName", "Person of A", "role", "OPERATOR",
                        "password", "a long enough password"))
                .post("/members").then().statusCode(201).extract().path("id");
        String keyId = as(a.adminKey()).body(Map.of("name", "viewer of A", "scope", "VIEWER"))
                .post("/api-keys").then().statusCode(201).extract().path("key.id");

        Tenant b = newTenant();
        List<Supplier<RequestSpecification>> intruders = List.of(
                () -> as(b.adminKey()),
                () -> RestAssured.given().cookie("JSESSIONID", b.session()).header("X-Requested-With", "test")
                        .contentType(ContentType.JSON));

        for (Supplier<RequestSpecification> intruder : intruders) {
            intruder.get().get("/services/" + serviceId).then().statusCode(404).contentType(PROBLEM_JSON);
            intruder.get().header("If-Match", "\"0\"")
                    .body(Map.of("displayName", "x", "ownerTeam", "x", "tier", "STANDARD"))
                    .put("/services/" + serviceId).then().statusCode(404);
            intruder.get().delete("/services/" + serviceId).then().statusCode(404);

            intruder.get().get("/members/" + memberId).then().statusCode(404);
            intruder.get().body(Map.of("role", "ADMIN")).patch("/members/" + memberId).then().statusCode(404);
            intruder.get().delete("/members/" + memberId).then().statusCode(404);
            intruder.get().post("/members/" + memberId + "/erasure").then().statusCode(404);

            intruder.get().get("/api-keys/" + keyId).then().statusCode(404);
            intruder.get().delete("/api-keys/" + keyId).then().statusCode(404);
            intruder.get().body(Map.of()).post("/api-keys/" + keyId + "/rotation").then().statusCode(404);

            intruder.get().get("/organizations/" + a.organizationId()).then().statusCode(404);
            intruder.get().body(Map.of("name", "taken over")).patch("/organizations/" + a.organizationId())
                    .then().statusCode(404);

            intruder.get().get("/services").then().statusCode(200).body("items.id", not(hasItem(serviceId)));
            intruder.get().get("/members").then().statusCode(200).body("items.id", not(hasItem(memberId)));
            intruder.get().get("/api-keys").then().statusCode(200).body("items.id", not(hasItem(keyId)));
            intruder.get().get("/organizations").then().statusCode(200)
                    .body("items.id", not(hasItem(a.organizationId())));
            intruder.get().get("/audit-events?limit=200").then().statusCode(200)
                    .body("items.targetId", everyItem(not(equalTo(serviceId))));
        }
        RestAssured.given().cookie("JSESSIONID", b.session()).header("X-Requested-With", "test")
                .contentType(ContentType.JSON).body(Map.of("organizationId", a.organizationId()))
                .put("/sessions/current").then().statusCode(404);

        as(a.adminKey()).get("/services/" + serviceId).then().statusCode(200)
                .body("displayName", equalTo("Service payments")).body("version", equalTo(0));
        as(a.adminKey()).get("/members/" + memberId).then().statusCode(200).body("role", equalTo("OPERATOR"));
        as(a.adminKey()).get("/api-keys/" + keyId).then().statusCode(200).body("status", equalTo("ACTIVE"));
        as(a.adminKey()).get("/organizations/current").then().statusCode(200).body("name", equalTo("Org " + a.slug()));
        as(a.adminKey()).get("/audit-events/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    /**
     * These lists and lookups have no organisation in their queries: the organisation scope (Hibernate's tenant
     * filter) is all that keeps another organisation's rows out, so this shows it does, with the same names on
     * both sides (a uniqueness check that saw the other organisation would refuse the second).
     */
    @Test
    void lists_and_lookups_without_an_organisation_in_their_query_show_only_the_callers_rows() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        java.util.Map<String, Map<String, String>> made = new java.util.LinkedHashMap<>();
        for (Tenant t : List.of(a, b)) {
            String key = t.adminKey();
            String service = registerService(key, "shop");
            Map<String, String> ids = new java.util.LinkedHashMap<>();
            ids.put("/incidents", as(key).body(Map.of("title", "Shop down", "severity", "P2", "serviceIds", List.of(service)))
                    .post("/incidents").then().statusCode(201).extract().path("id"));
            ids.put("/notification-channels", as(key).body(Map.of("name", "same-name", "type", "EMAIL", "target", "ops@example.test"))
                    .post("/notification-channels").then().statusCode(201).extract().path("id"));
            ids.put("/slos", as(key).body(Map.of("serviceId", service, "name", "same-slo", "indicator", "AVAILABILITY",
                    "targetPercent", 99, "window", "28d")).post("/slos").then().statusCode(201).extract().path("id"));
            ids.put("/status-components", as(key).body(Map.of("serviceId", service, "name", "Shop", "position", 1))
                    .post("/status-components").then().statusCode(201).extract().path("id"));
            made.put(t.organizationId(), ids);
        }
        for (Tenant t : List.of(a, b)) {
            Tenant other = t == a ? b : a;
            for (Map.Entry<String, String> own : made.get(t.organizationId()).entrySet()) {
                String foreign = made.get(other.organizationId()).get(own.getKey());
                as(t.adminKey()).get(own.getKey() + "/" + own.getValue()).then().statusCode(200);
                as(t.adminKey()).get(own.getKey() + "/" + foreign).then().statusCode(404).contentType(PROBLEM_JSON);
                io.restassured.response.ValidatableResponse list = as(t.adminKey()).get(own.getKey()).then().statusCode(200);
                String ids = "items.id";
                list.body(ids, hasItem(own.getValue())).body(ids, not(hasItem(foreign)));
            }
        }
    }

    @Test
    void an_api_key_acts_only_within_its_own_organisation() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        registerService(a.adminKey(), "only-in-a");
        as(b.adminKey()).get("/services").then().statusCode(200).body("items.slug", not(hasItem("only-in-a")));
        as(b.adminKey()).get("/organizations/current").then().body("id", equalTo(b.organizationId()));
    }
}
