package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up, sessions, roles and API keys: who may do what, and keys' life cycle. */
class AccessIT extends ApiIT {

    @Test
    void a_request_without_credentials_is_401_problem() {
        anonymous().get("/services").then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:aia-ops:problem:unauthenticated"));
        as("aia_nonsense_token").get("/services").then().statusCode(401);
        RestAssured.given().header("Authorization", "Basic dXNlcjpwYXNz").get("/services").then().statusCode(401);
    }

    @Test
    void people_sign_in_with_their_password_and_sign_out() {
        Tenant tenant = newTenant();
        anonymous().body(Map.of("email", tenant.email(), "password", "wrong password!!"))
                .post("/sessions").then().statusCode(401).contentType(PROBLEM_JSON);
        String session = anonymous().body(Map.of("email", tenant.email().toUpperCase(), "password", tenant.password()))
                .post("/sessions").then().statusCode(201)
                .body("current.organizationId", equalTo(tenant.organizationId()))
                .body("current.role", equalTo("ADMIN"))
                .extract().cookie("JSESSIONID");
        RestAssured.given().cookie("JSESSIONID", session).get("/sessions/current").then().statusCode(200)
                .body("account.email", equalTo(tenant.email()));
        RestAssured.given().cookie("JSESSIONID", session).get("/services").then().statusCode(200);
        RestAssured.given().cookie("JSESSIONID", session).delete("/sessions/current").then().statusCode(403);
        RestAssured.given().cookie("JSESSIONID", session).header("X-Requested-With", "test")
                .delete("/sessions/current").then().statusCode(204);
        RestAssured.given().cookie("JSESSIONID", session).get("/services").then().statusCode(401);
    }

    @Test
    void password_guessing_is_throttled_per_account() {
        Tenant tenant = newTenant();
        // The platform's clock at the start of a minute, so that every attempt falls in one limiter window.
        clockAhead(java.time.Duration.ofSeconds(60 - java.time.Instant.now().getEpochSecond() % 60));
        try {
            // Ten attempts a minute per e-mail address; the eleventh is refused before the password is even checked.
            for (int i = 0; i < 10; i++) {
                anonymous().body(Map.of("email", tenant.email(), "password", "guess number " + i)).post("/sessions").then()
                        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(429)));
            }
            anonymous().body(Map.of("email", tenant.email(), "password", tenant.password())).post("/sessions").then().statusCode(429)
                    .contentType(PROBLEM_JSON).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        } finally {
            clockAhead(java.time.Duration.ZERO);
        }
    }

    @Test
    void people_change_their_own_password_with_proof_of_the_current_one() {
        Tenant tenant = newTenant();
        var session = RestAssured.given().cookie("JSESSIONID", tenant.session()).header("X-Requested-With", "test")
                .contentType(ContentType.JSON);
        session.body(Map.of("currentPassword", "not the password", "newPassword", "a brand new passphrase"))
                .put("/sessions/current/password").then().statusCode(400).body("type", equalTo("urn:aia-ops:problem:wrong-password"));
        RestAssured.given().cookie("JSESSIONID", tenant.session()).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", tenant.password(), "newPassword", "a brand new passphrase"))
                .put("/sessions/current/password").then().statusCode(204);
        anonymous().body(Map.of("email", tenant.email(), "password", tenant.password())).post("/sessions").then().statusCode(401);
        anonymous().body(Map.of("email", tenant.email(), "password", "a brand new passphrase")).post("/sessions").then().statusCode(201);
        as(tenant.adminKey()).get("/audit-events?limit=200").then()
                .body("items.action", hasItem("account.password-changed"))
                .body(not(containsString("brand new")));
    }

    @Test
    void a_browser_session_must_send_x_requested_with_to_change_data() {
        Tenant tenant = newTenant();
        RestAssured.given().cookie("JSESSIONID", tenant.session()).contentType(ContentType.JSON)
                .body(Map.of("slug", "csrf-target", "displayName", "x", "ownerTeam", "x", "tier", "PRO"))
                .post("/services").then().statusCode(403).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).get("/services").then().body("items.slug", not(hasItem("csrf-target")));
    }

    @Test
    void a_person_in_two_organisations_switches_between_them() {
        Tenant first = newTenant();
        Tenant second = newTenant();
        as(second.adminKey()).body(Map.of("email", first.email(), "displayName", "ignored", "role", "VIEWER"))
                .post("/members").then().statusCode(201).body("role", equalTo("VIEWER"));
        String session = anonymous().body(Map.of("email", first.email(), "password", first.password(),
                        "organizationId", second.organizationId()))
                .post("/sessions").then().statusCode(201).body("memberships.size()", equalTo(2))
                .body("current.role", equalTo("VIEWER")).extract().cookie("JSESSIONID");
        RestAssured.given().cookie("JSESSIONID", session).get("/organizations/current").then()
                .body("id", equalTo(second.organizationId()));
        RestAssured.given().cookie("JSESSIONID", session).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("organizationId", first.organizationId())).put("/sessions/current")
                .then().statusCode(200).body("current.role", equalTo("ADMIN"));
        RestAssured.given().cookie("JSESSIONID", session).get("/organizations/current").then()
                .body("id", equalTo(first.organizationId()));
    }

    @Test
    void roles_decide_what_a_caller_may_do() {
        Tenant tenant = newTenant();
        String viewer = issueKey(tenant, "VIEWER");
        String operator = issueKey(tenant, "OPERATOR");
        String ingest = issueKey(tenant, "INGEST");

        as(viewer).get("/services").then().statusCode(200);
        as(viewer).body(Map.of("slug", "by-viewer", "displayName", "x", "ownerTeam", "x", "tier", "PRO"))
                .post("/services").then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:forbidden"));
        String serviceId = registerService(operator, "by-operator");
        as(operator).delete("/services/" + serviceId).then().statusCode(403);
        as(operator).get("/api-keys").then().statusCode(403);
        as(operator).get("/audit-events").then().statusCode(403);
        as(ingest).get("/services").then().statusCode(403);
        as(viewer).body(Map.of("name", "escalation", "scope", "ADMIN")).post("/api-keys").then().statusCode(403);
        as(tenant.adminKey()).delete("/services/" + serviceId).then().statusCode(204);
    }

    @Test
    void an_api_key_is_shown_once_stored_hashed_and_stops_working_when_revoked() throws Exception {
        Tenant tenant = newTenant();
        var issued = as(tenant.adminKey()).body(Map.of("name", "ci pipeline", "scope", "OPERATOR"))
                .post("/api-keys").then().statusCode(201)
                .body("key.status", equalTo("ACTIVE")).body("token", startsWith("aia_")).extract();
        String token = issued.path("token");
        String keyId = issued.path("key.id");

        as(tenant.adminKey()).get("/api-keys/" + keyId).then().statusCode(200).body("token", nullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("token")));
        assertEquals(0, Database.count("select count(*) from api_key where secret_digest = ?", token),
                "the token itself is never stored");
        assertEquals(1, Database.count("select count(*) from api_key where prefix = ?", token.split("_")[1]));

        as(token).get("/services").then().statusCode(200);
        as(tenant.adminKey()).delete("/api-keys/" + keyId).then().statusCode(204);
        as(token).get("/services").then().statusCode(401);
        as(tenant.adminKey()).get("/api-keys/" + keyId).then().body("status", equalTo("REVOKED"))
                .body("revokedAt", notNullValue());
    }

    @Test
    void rotation_issues_a_new_token_and_retires_the_old_one_after_the_grace_period() {
        Tenant tenant = newTenant();
        var issued = as(tenant.adminKey()).body(Map.of("name", "deployer", "scope", "OPERATOR"))
                .post("/api-keys").then().statusCode(201).extract();
        String oldToken = issued.path("token");
        String oldId = issued.path("key.id");

        String graceful = as(tenant.adminKey()).body(Map.of("gracePeriodSeconds", 600))
                .post("/api-keys/" + oldId + "/rotation").then().statusCode(201)
                .body("key.scope", equalTo("OPERATOR")).extract().path("token");
        as(oldToken).get("/services").then().statusCode(200);
        as(graceful).get("/services").then().statusCode(200);
        String expiresAt = as(tenant.adminKey()).get("/api-keys/" + oldId).then().extract().path("expiresAt");
        assertTrue(Instant.parse(expiresAt).isAfter(Instant.now().plusSeconds(500)));

        var second = as(tenant.adminKey()).body(Map.of("name", "batch", "scope", "VIEWER"))
                .post("/api-keys").then().statusCode(201).extract();
        String immediateSuccessor = as(tenant.adminKey()).body(Map.of())
                .post("/api-keys/" + second.path("key.id") + "/rotation").then().statusCode(201).extract().path("token");
        as(second.<String>path("token")).get("/services").then().statusCode(401);
        as(immediateSuccessor).get("/services").then().statusCode(200);
    }

    @Test
    void a_key_past_its_expiry_is_refused_and_expiry_must_be_in_the_future() {
        Tenant tenant = newTenant();
        as(tenant.adminKey()).body(Map.of("name", "old", "scope", "VIEWER", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api-keys").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("expiresAt"));
    }

    @Test
    void a_key_over_its_rate_limit_gets_429_with_retry_after() {
        Tenant tenant = newTenant();
        String limited = as(tenant.adminKey()).body(Map.of("name", "limited", "scope", "VIEWER", "rateLimitPerMinute", 3))
                .post("/api-keys").then().statusCode(201).extract().path("token");
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        // Eight calls: even if a minute boundary falls between them, at most 3 + 3 can pass.
        for (int i = 0; i < 8; i++) {
            var response = as(limited).get("/services").then().extract();
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                retryAfter = response.header("Retry-After");
                response.response().then().contentType(PROBLEM_JSON)
                        .body("type", equalTo("urn:aia-ops:problem:rate-limited"));
            }
        }
        assertTrue(statuses.contains(429), "statuses were " + statuses);
        assertNotNull(retryAfter);
        org.hamcrest.MatcherAssert.assertThat(Integer.parseInt(retryAfter),
                allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(60)));
        as(tenant.adminKey()).get("/services").then().statusCode(200).header("RateLimit-Limit", containsString("600"));
    }
}
