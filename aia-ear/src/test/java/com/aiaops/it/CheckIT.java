package com.aiaops.it;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthetic checks against receivers on loopback: up, down after retries, timeouts, uptime, scheduling. */
class CheckIT extends ApiIT {

    /** A check; paused ones run only when the test asks, so the scheduler never interleaves its own runs. */
    private static String defineCheck(Tenant tenant, String serviceId, String name, String url, int interval, int timeoutMs,
                                      int retries, boolean scheduled) {
        return as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", name, "url", url, "intervalSeconds", interval,
                        "timeoutMs", timeoutMs, "retries", retries, "enabled", scheduled))
                .post("/checks").then().statusCode(201).body("status", equalTo("UNKNOWN"))
                .body("enabled", equalTo(scheduled)).extract().path("id");
    }

    @Test
    void a_check_goes_down_only_after_its_retries_and_its_runs_count_in_uptime_and_telemetry() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = newTenant();
            String serviceId = registerService(tenant.adminKey(), "web");
            String check = defineCheck(tenant, serviceId, "web-health", receiver.url(), 3600, 2000, 1, false);
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().statusCode(200)
                    .body("up", equalTo(true)).body("httpStatus", equalTo(200)).body("attempts", equalTo(1));

            receiver.status.set(500);
            // Each run tries twice (1 retry); the first failed run leaves the check UP, the second makes it DOWN.
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().body("up", equalTo(false)).body("attempts", equalTo(2))
                    .body("error", containsString("500"));
            as(tenant.adminKey()).get("/checks/" + check).then().body("status", equalTo("UP")).body("consecutiveFailures", equalTo(1));
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().body("up", equalTo(false));
            as(tenant.adminKey()).get("/checks/" + check).then().body("status", equalTo("DOWN"));
            assertEquals(5, receiver.hits.get());

            receiver.status.set(200);
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().body("up", equalTo(true));
            as(tenant.adminKey()).get("/checks/" + check).then().body("status", equalTo("UP")).body("consecutiveFailures", equalTo(0));

            as(tenant.adminKey()).get("/checks/" + check + "/uptime").then().statusCode(200)
                    .body("upRuns", equalTo(2)).body("downRuns", equalTo(2)).body("uptime", equalTo(0.5));
            // Every check of the service in one request: this one as above, a check never run without uptime.
            String idle = defineCheck(tenant, serviceId, "web-idle", receiver.url(), 3600, 2000, 0, false);
            as(tenant.adminKey()).queryParam("serviceId", serviceId).get("/checks/uptime").then().statusCode(200)
                    .body("items.find { it.checkId == '" + check + "' }.uptime.uptime", equalTo(0.5))
                    .body("items.find { it.checkId == '" + check + "' }.uptime.downRuns", equalTo(2))
                    .body("items.find { it.checkId == '" + idle + "' }.uptime.upRuns", equalTo(0))
                    .body("items.find { it.checkId == '" + idle + "' }.uptime.uptime", org.hamcrest.Matchers.nullValue());
            as(newTenant().adminKey()).queryParam("serviceId", serviceId).get("/checks/uptime").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.hasSize(0));
            as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry").then()
                    .body("requests", equalTo(4)).body("goodRequests", equalTo(2));
            as(tenant.adminKey()).get("/checks/" + check + "/results").then().body("items.size()", equalTo(4));
        }
    }

    @Test
    void a_target_slower_than_the_timeout_is_down() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.delayMillis.set(2000);
            Tenant tenant = newTenant();
            String serviceId = registerService(tenant.adminKey(), "slow");
            String check = defineCheck(tenant, serviceId, "slow-health", receiver.url(), 3600, 300, 0, false);
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().body("up", equalTo(false))
                    .body("error", containsString("300 ms"));
            as(tenant.adminKey()).get("/checks/" + check).then().body("status", equalTo("DOWN"));
        }
    }

    @Test
    void due_checks_run_by_themselves_once_per_interval() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = newTenant();
            String serviceId = registerService(tenant.adminKey(), "sched");
            String check = defineCheck(tenant, serviceId, "sched-health", receiver.url(), 10, 1000, 0, true);
            // The scheduler polls every 5 s and the check is due every 10 s.
            eventually(java.time.Duration.ofSeconds(45), () -> assertTrue(receiver.hits.get() >= 2,
                    "the scheduler ran the check " + receiver.hits.get() + " times"));
            as(tenant.adminKey()).post("/checks/" + check + "/pause").then().body("enabled", equalTo(false));
            // A run already handed to the executor may still land: wait until every run the receiver saw is recorded.
            eventually(java.time.Duration.ofSeconds(15), () -> assertEquals(receiver.hits.get(),
                    (int) as(tenant.adminKey()).get("/checks/" + check + "/results").then().extract().path("items.size()"),
                    "every run was recorded once, and no run was made twice"));
            as(tenant.adminKey()).get("/checks/" + check + "/uptime").then().body("upRuns", greaterThanOrEqualTo(2));
        }
    }

    @Test
    void invalid_checks_are_refused() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "file-url", "url", "file:///etc/passwd",
                "intervalSeconds", 60)).post("/checks").then().statusCode(400)
                .body("type", equalTo("urn:aia-ops:problem:outbound-address-refused"));
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "too-often", "url", "http://127.0.0.1:1/",
                "intervalSeconds", 5)).post("/checks").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "slow-timeout", "url", "http://127.0.0.1:1/",
                "intervalSeconds", 10, "timeoutMs", 20_000)).post("/checks").then().statusCode(400);
        Tenant other = newTenant();
        as(other.adminKey()).body(Map.of("serviceId", serviceId, "name", "not-mine", "url", "http://127.0.0.1:1/",
                "intervalSeconds", 60)).post("/checks").then().statusCode(400);
    }

    /**
     * One check's view is kept until the check changes or its next run is due: the scheduler's first run (due at once)
     * shows within 30 s, well inside a kept answer's 60 s in the cache; pausing and deleting show at once.
     */
    @Test
    void a_kept_check_follows_its_runs_and_changes() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String id = defineCheck(tenant, serviceId, "closed-port", "http://127.0.0.1:1/", 60, 500, 0, true);
        String created = as(tenant.adminKey()).get("/checks/" + id).then().statusCode(200).extract().path("nextRunAt");
        eventually(java.time.Duration.ofSeconds(30), () -> {
            io.restassured.path.json.JsonPath view = as(tenant.adminKey()).get("/checks/" + id).then().statusCode(200).extract().jsonPath();
            assertTrue(view.getString("lastRunAt") != null, "run by the scheduler: " + view.prettify());
            assertTrue(Instant.parse(view.getString("nextRunAt")).isAfter(Instant.parse(created)), view.getString("nextRunAt"));
        });
        as(tenant.adminKey()).post("/checks/" + id + "/pause").then().statusCode(200);
        as(tenant.adminKey()).get("/checks/" + id).then().body("enabled", equalTo(false));
        as(tenant.adminKey()).delete("/checks/" + id).then().statusCode(204);
        as(tenant.adminKey()).get("/checks/" + id).then().statusCode(404);
        as(newTenant().adminKey()).get("/checks/" + id).then().statusCode(404);
    }
}
