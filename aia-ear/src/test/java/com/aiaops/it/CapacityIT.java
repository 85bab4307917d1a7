package com.aiaops.it;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Utilisation in, scaling decisions and growth projections out. */
class CapacityIT extends ApiIT {

    /** The {@code count} whole minutes before {@code end}; one {@code end} for a test, so a resend names the same minutes. */
    private static List<Map<String, Object>> minutes(String service, Instant end, int count, double cpu, double memory) {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            samples.add(Map.of("service", service, "minute", end.minus(Duration.ofMinutes(i)).toString(), "cpuPercent", cpu,
                    "memoryPercent", memory, "instances", 3));
        }
        return samples;
    }

    @Test
    void sustained_high_cpu_asks_to_scale_up_and_a_quiet_hour_to_scale_down() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "orders");
        String ingest = issueKey(tenant, "INGEST");
        // Taken once: a minute beginning between the first send and the resend must not shift the resent minutes.
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        as(tenant.adminKey()).get("/services/" + serviceId + "/capacity").then().statusCode(200)
                .body("scaling.decision", equalTo("NO_DATA")).body("triggers.upCpuAbove", equalTo(70.0));

        as(ingest).body(Map.of("samples", minutes("orders", end, 60, 12, 35))).post("/capacity/utilization").then().statusCode(200)
                .body("accepted", equalTo(60)).body("replaced", equalTo(0));
        as(tenant.adminKey()).get("/services/" + serviceId + "/capacity").then()
                .body("scaling.decision", equalTo("SCALE_DOWN")).body("cpuPercent", closeTo(12.0, 1e-9)).body("instances", equalTo(3));

        // The last 20 minutes again, busy now: a resend replaces those minutes.
        as(ingest).body(Map.of("samples", minutes("orders", end, 20, 88, 35))).post("/capacity/utilization").then()
                .body("replaced", equalTo(20));
        as(tenant.adminKey()).get("/services/" + serviceId + "/capacity").then()
                .body("scaling.decision", equalTo("SCALE_UP")).body("scaling.reasons[0]", startsWith("CPU above 70 % for 15 minutes"));

        // Stricter triggers: 95 % CPU for 15 minutes is not met by 88 %.
        as(tenant.adminKey()).body(Map.of("capacityRps", 50, "triggers", Map.of("upCpuAbove", 95, "upMemoryAbove", 95, "upMinutes", 15,
                "downCpuBelow", 10, "downMemoryBelow", 20, "downMinutes", 60))).put("/services/" + serviceId + "/capacity/plan")
                .then().statusCode(200).body("capacityRps", equalTo(50.0));
        as(tenant.adminKey()).get("/services/" + serviceId + "/capacity").then().body("scaling.decision", equalTo("HOLD"));
    }

    @Test
    void the_growth_of_the_daily_peak_projects_the_days_left_until_capacity() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        String ingest = issueKey(tenant, "INGEST");
        // Peaks of 1, 2 and 3 requests per second in one hour of each of the last three days. The platform's clock at noon
        // (up to a day ahead), so today's peak is whole minutes in the past of today at any time of day the test runs.
        Instant now = serverNow();
        Instant noon = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12));
        clockAhead(clockOffset().plus(Duration.between(now, noon.isAfter(now) ? noon : noon.plus(Duration.ofDays(1)))));
        try {
            Instant today = serverNow().truncatedTo(ChronoUnit.DAYS);
            for (int daysAgo = 2; daysAgo >= 0; daysAgo--) {
                Instant hour = today.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(9));
                int requests = 3600 * (3 - daysAgo);
                for (int sent = 0; sent < requests; sent += 9000) {
                    as(ingest).body(batch(spread("search", hour, 10, Math.min(9000, requests - sent), 0, 20)))
                            .post("/telemetry/observations").then().statusCode(200);
                }
            }
            as(tenant.adminKey()).body(Map.of("capacityRps", 10, "triggers", Map.of("upCpuAbove", 70, "upMemoryAbove", 80, "upMinutes", 15,
                    "downCpuBelow", 30, "downMemoryBelow", 50, "downMinutes", 60))).put("/services/" + serviceId + "/capacity/plan")
                    .then().statusCode(200);
            as(tenant.adminKey()).queryParam("days", 3).get("/services/" + serviceId + "/capacity").then().statusCode(200)
                    .body("growth.days", equalTo(3)).body("growth.slopeRpsPerDay", closeTo(1.0, 1e-9))
                    .body("growth.projectedTodayRps", closeTo(3.0, 1e-9)).body("growth.daysUntilCapacity", closeTo(7.0, 1e-9));
        } finally {
            clockAhead(Duration.ZERO);
        }
    }

    @Test
    void bad_samples_are_refused_whole_and_other_organisations_see_nothing() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        List<Map<String, Object>> samples = new ArrayList<>(minutes("api", Instant.now().truncatedTo(ChronoUnit.MINUTES), 2, 50, 50));
        samples.add(Map.of("service", "no-such-service", "minute", Instant.now().minusSeconds(60).toString(), "cpuPercent", 50,
                "memoryPercent", 50, "instances", 1));
        as(tenant.adminKey()).body(Map.of("samples", samples)).post("/capacity/utilization").then().statusCode(400)
                .body("errors.field", hasItem("samples[2].service"));
        as(tenant.adminKey()).body(Map.of("samples", List.of(Map.of("service", "api", "minute", Instant.now().toString(),
                "cpuPercent", 150, "memoryPercent", 50, "instances", 1)))).post("/capacity/utilization").then().statusCode(400);
        as(tenant.adminKey()).get("/services/" + serviceId + "/capacity").then().body("cpuPercent", nullValue());
        as(tenant.adminKey()).body(Map.of("triggers", Map.of("upCpuAbove", 50, "upMemoryAbove", 80, "upMinutes", 15,
                "downCpuBelow", 60, "downMemoryBelow", 50, "downMinutes", 60))).put("/services/" + serviceId + "/capacity/plan")
                .then().statusCode(400);
        Tenant other = newTenant();
        as(other.adminKey()).get("/services/" + serviceId + "/capacity").then().statusCode(404);
        as(other.adminKey()).body(Map.of("samples", minutes("api", Instant.now().truncatedTo(ChronoUnit.MINUTES), 1, 50, 50))).post("/capacity/utilization").then().statusCode(400);
    }
}
