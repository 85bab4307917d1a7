package com.aiaops.it;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad requests get a 4xx application/problem+json that says what is wrong, never a 5xx, and change
 * nothing: after each one the organisation's audit trail (which records every change) has not grown.
 */
class BadInputIT extends ApiIT {
    private Tenant tenant;
    private String serviceId;

    @BeforeEach
    void tenantWithOneService() {
        tenant = newTenant();
        serviceId = registerService(tenant.adminKey(), "stable");
    }

    private long auditEvents() throws Exception {
        return Database.count("select count(*) from audit_event where organization_id = ?",
                java.util.UUID.fromString(tenant.organizationId()));
    }

    @Test
    void malformed_json_is_400() throws Exception {
        long before = auditEvents();
        as(tenant.adminKey()).body("{\"slug\": \"half\", ").post("/services").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:malformed-json"))
                .body("status", equalTo(400)).body("requestId", notNullValue());
        as(tenant.adminKey()).body("not json at all").post("/services").then().statusCode(400);
        as(tenant.adminKey()).body("[1,2,3]").post("/services").then().statusCode(400);
        assertEquals(before, auditEvents());
    }

    @Test
    void wrong_types_and_unknown_enum_values_are_400() throws Exception {
        long before = auditEvents();
        as(tenant.adminKey()).body("{\"slug\":\"x1\",\"displayName\":\"x\",\"ownerTeam\":\"x\",\"tier\":\"GOLD\"}")
                .post("/services").then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("GOLD"));
        as(tenant.adminKey()).body("{\"slug\":{\"nested\":true},\"displayName\":\"x\",\"ownerTeam\":\"x\",\"tier\":\"PRO\"}")
                .post("/services").then().statusCode(400);
        as(tenant.adminKey()).body("{\"name\":\"k\",\"scope\":\"VIEWER\",\"rateLimitPerMinute\":\"lots\"}")
                .post("/api-keys").then().statusCode(400);
        as(tenant.adminKey()).body("{\"name\":\"k\",\"scope\":\"VIEWER\",\"expiresAt\":\"tomorrow\"}")
                .post("/api-keys").then().statusCode(400);
        assertEquals(before, auditEvents());
    }

    @Test
    void unknown_fields_are_refused_not_ignored() throws Exception {
        long before = auditEvents();
        as(tenant.adminKey()).body(Map.of("slug", "typo", "displayName", "x", "ownerTeam", "x", "tier", "PRO", "teir", "PRO"))
                .post("/services").then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("teir"));
        assertEquals(before, auditEvents());
    }

    @Test
    void missing_and_invalid_fields_are_listed_one_by_one() throws Exception {
        long before = auditEvents();
        as(tenant.adminKey()).body(Map.of("slug", "Not A Slug", "ownerTeam", "")).post("/services").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:validation-failed"))
                .body("errors.field", hasItems("slug", "displayName", "ownerTeam", "tier"));
        as(tenant.adminKey()).post("/services").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("email", "not-an-email", "displayName", "x", "role", "INGEST"))
                .post("/members").then().statusCode(400).body("errors.field", hasItem("email"));
        assertEquals(before, auditEvents());
    }

    @Test
    void oversized_bodies_are_413() throws Exception {
        long before = auditEvents();
        String huge = "{\"slug\":\"big\",\"displayName\":\"x\",\"ownerTeam\":\"x\",\"tier\":\"PRO\",\"description\":\""
                + "a".repeat(2 * 1024 * 1024) + "\"}";
        as(tenant.adminKey()).body(huge).post("/services").then().statusCode(413).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:payload-too-large"));
        as(tenant.adminKey()).body(Map.of("slug", "long-text", "displayName", "x", "ownerTeam", "x", "tier", "PRO",
                "description", "d".repeat(2001))).post("/services").then().statusCode(400)
                .body("errors.field", hasItem("description"));
        assertEquals(before, auditEvents());
    }

    @Test
    void invalid_utf8_is_400() throws Exception {
        long before = auditEvents();
        byte[] body = "{\"slug\":\"x\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        as(tenant.adminKey()).body(body).post("/services").then().statusCode(400).contentType(PROBLEM_JSON);
        assertEquals(before, auditEvents());
    }

    @Test
    void invalid_ids_cursors_and_limits_are_400_and_unknown_ids_404() {
        as(tenant.adminKey()).get("/services/not-a-uuid").then().statusCode(400)
                .body("type", equalTo("urn:aia-ops:problem:invalid-id"));
        as(tenant.adminKey()).get("/services/..%2F..%2Fetc%2Fpasswd").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        as(tenant.adminKey()).get("/services/" + java.util.UUID.randomUUID()).then().statusCode(404);
        as(tenant.adminKey()).get("/members/' OR '1'='1").then().statusCode(400);
        as(tenant.adminKey()).queryParam("limit", "lots").get("/services").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        as(tenant.adminKey()).queryParam("limit", 0).get("/services").then().statusCode(400);
        as(tenant.adminKey()).queryParam("limit", 100000).get("/services").then().statusCode(400);
        as(tenant.adminKey()).queryParam("cursor", "%%%").get("/services").then().statusCode(400);
        as(tenant.adminKey()).header("If-Match", "\"abc\"")
                .body(Map.of("displayName", "x", "ownerTeam", "x", "tier", "PRO"))
                .put("/services/" + serviceId).then().statusCode(400);
    }

    @Test
    void wrong_methods_media_types_and_paths_are_problems_too() {
        as(tenant.adminKey()).patch("/services").then().statusCode(405).contentType(PROBLEM_JSON);
        RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).contentType("text/plain")
                .body("slug=x").post("/services").then().statusCode(415).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).get("/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).accept("application/xml").get("/services").then().statusCode(406);
    }
}
