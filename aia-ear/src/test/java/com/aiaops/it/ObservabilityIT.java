package com.aiaops.it;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health probes, Prometheus metrics, request ids in headers, problems and logs, and the OpenAPI document. */
class ObservabilityIT extends ApiIT {
    private static final String MANAGEMENT = "http://127.0.0.1:" + (9990 + PORT_OFFSET);

    @Test
    void readiness_checks_the_database_and_the_cache_and_startup_and_liveness_report() {
        RestAssured.given().baseUri(MANAGEMENT).basePath("").get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).body("checks.name", hasItems("database", "cache"));
        RestAssured.given().baseUri(MANAGEMENT).basePath("").get("/health/started").then().statusCode(200)
                .body("checks.name", hasItems("platform-started"));
        RestAssured.given().baseUri(MANAGEMENT).basePath("").get("/health/live").then().statusCode(200)
                .body("checks.name", hasItems("threads"));
    }

    @Test
    void api_requests_are_counted_and_timed_per_route_in_prometheus_format() {
        Tenant tenant = newTenant();
        as(tenant.adminKey()).get("/services").then().statusCode(200);
        as(operatorKey()).get("/metrics/platform").then().statusCode(200)
                .body(containsString("aia_http_server_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/services\",status=\"200\"}"));
        // WildFly's own JVM and subsystem metrics stay at the management port.
        RestAssured.given().baseUri(MANAGEMENT).basePath("").get("/metrics").then().statusCode(200)
                .body(containsString("jvm_")).body(not(containsString("aia_")));
    }

    @Test
    void every_answer_carries_a_request_id_that_the_logs_carry_too() throws Exception {
        Tenant tenant = newTenant();
        String given = "trace-" + UUID.randomUUID();
        as(tenant.adminKey()).header("X-Request-Id", given).get("/services/" + UUID.randomUUID()).then()
                .statusCode(404).header("X-Request-Id", equalTo(given)).body("requestId", equalTo(given));
        as(tenant.adminKey()).header("X-Request-Id", "bad id with spaces\u0001").get("/services").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));

        Path jsonLog = Path.of(System.getProperty("aia.it.server.base"), "log", "aia.json.log");
        boolean logged = false;
        for (int attempt = 0; attempt < 50 && !logged; attempt++) {
            logged = Files.readAllLines(jsonLog).stream()
                    .anyMatch(line -> line.contains("\"requestId\":\"" + given + "\"") && line.contains("-> 404"));
            if (!logged) {
                Thread.sleep(100); // the access line is written as the response completes
            }
        }
        assertTrue(logged, "the JSON log has the access line with the request id");
    }

    @Test
    void ping_answers_without_credentials() {
        anonymous().get("/ping").then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void the_openapi_document_describes_the_api() {
        RestAssured.given().basePath("").accept("application/json").get("/openapi").then().statusCode(200)
                .body("info.title", equalTo("AIA Ops API"))
                .body("paths.keySet()", hasItems("/api/v1/services", "/api/v1/services/{id}", "/api/v1/api-keys",
                        "/api/v1/members", "/api/v1/audit-events/verification", "/api/v1/signups", "/api/v1/sessions"));
    }
}
