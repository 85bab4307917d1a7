package com.aiaops.it;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/** The five-pillar scorecard from real telemetry, findings and budgets, with its grade and monthly history. */
class ScorecardIT extends ApiIT {

    @Test
    void each_pillar_is_judged_against_its_target_and_the_grade_counts_those_below() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api"); // PRO: held to 99.95 % uptime
        String ingest = issueKey(tenant, "INGEST");
        as(ingest).body(batch(spread("api", Instant.now().minusSeconds(240), 3, 2000, 10, 150))).post("/telemetry/observations")
                .then().statusCode(200);
        as(tenant.adminKey()).body(Map.of("SchemaVersion", 2, "ArtifactName", "api:1.0", "Results", List.of(Map.of("Target", "api:1.0", "Vulnerabilities", List.of(
                Map.of("VulnerabilityID", "CVE-2026-1111", "PkgName", "openssl", "Severity", "CRITICAL"))))))
                .post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        // One day of cost data at 1.00 forecasts 1.00 a day for the month: exactly the budget.
        as(tenant.adminKey()).body(Map.of("name", "api", "scope", "SERVICE", "serviceId", serviceId, "monthlyAmount", month.lengthOfMonth(),
                "currency", "USD")).post("/cost/budgets").then().statusCode(201);
        CostIT.csv(tenant.adminKey()).body(CostIT.file(List.of(CostIT.row(month.atDay(1), "1.00", "Compute", "VM", "api", null))))
                .post("/cost/imports").then().statusCode(201);

        as(tenant.adminKey()).queryParam("serviceId", serviceId).get("/scorecard").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].month", equalTo(month.toString()))
                .body("items[0].pillars.name", contains("RELIABILITY", "PERFORMANCE", "QUALITY", "SECURITY", "COST"))
                .body("items[0].pillars[0].current", closeTo(99.5, 1e-9)).body("items[0].pillars[0].targetValue", closeTo(99.95, 1e-9))
                .body("items[0].pillars.status", contains("BELOW", "EXCEEDING", "EXCEEDING", "BELOW", "MET"))
                .body("items[0].pillars[1].current", closeTo(150.0, 1.5))
                .body("items[0].pillars[2].current", closeTo(0.5, 1e-9))
                .body("items[0].pillars[3].current", equalTo(1.0))
                .body("items[0].pillars[4].current", closeTo(100.0, 1e-6))
                .body("items[0].grade", equalTo("C"));

        // The organisation's own targets: 99 % uptime is exceeded; it has no organisation budget, so cost has no data.
        as(tenant.adminKey()).body(Map.of("uptimePercent", 99, "p95Ms", 200, "errorRatePercent", 1, "criticalFindings", 0))
                .put("/scorecard/targets").then().statusCode(200);
        as(tenant.adminKey()).queryParam("months", 3).get("/scorecard").then()
                .body("items", hasSize(3)).body("items[0].scope", equalTo("organization"))
                .body("items[0].pillars.status", contains("EXCEEDING", "EXCEEDING", "EXCEEDING", "BELOW", "NO_DATA"))
                .body("items[0].grade", equalTo("B"))
                .body("items[1].month", equalTo(month.minusMonths(1).toString()))
                .body("items[2].pillars.status", everyItem(equalTo("NO_DATA"))).body("items[2].grade", equalTo("N/A"));

        as(issueKey(tenant, "OPERATOR")).body(Map.of("uptimePercent", 90, "p95Ms", 900, "errorRatePercent", 5, "criticalFindings", 3))
                .put("/scorecard/targets").then().statusCode(403);
        as(tenant.adminKey()).queryParam("months", 99).get("/scorecard").then().statusCode(400);
        Tenant other = newTenant();
        as(other.adminKey()).queryParam("serviceId", serviceId).get("/scorecard").then().statusCode(404);
    }

    @Test
    void the_organisation_card_sums_its_services_and_follows_each_ones_new_telemetry() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "fast");
        registerService(tenant.adminKey(), "slow");
        registerService(tenant.adminKey(), "idle");
        String ingest = issueKey(tenant, "INGEST");
        Instant from = Instant.now().minusSeconds(240);
        as(ingest).body(batch(spread("fast", from, 3, 1000, 0, 20))).post("/telemetry/observations").then().statusCode(200);
        as(ingest).body(batch(spread("slow", from, 3, 1000, 10, 400))).post("/telemetry/observations").then().statusCode(200);

        as(tenant.adminKey()).get("/scorecard").then().statusCode(200)
                .body("items[0].pillars[0].detail", equalTo("1990 of 2000 requests good"))
                .body("items[0].pillars[1].current", closeTo(400.0, 4.0))
                .body("items[0].pillars[1].detail", equalTo("slowest service: slow"))
                .body("items[0].pillars[2].current", closeTo(0.5, 1e-9));

        // New telemetry for one service only: the card read a moment ago (its other services' months still cached) must show it.
        as(ingest).body(batch(spread("fast", from, 3, 1000, 20, 900))).post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).get("/scorecard").then().statusCode(200)
                .body("items[0].pillars[0].detail", equalTo("2970 of 3000 requests good"))
                .body("items[0].pillars[1].current", closeTo(900.0, 9.0))
                .body("items[0].pillars[1].detail", equalTo("slowest service: fast"))
                .body("items[0].pillars[2].current", closeTo(1.0, 1e-9));
    }

    /**
     * A card is kept for the rest of its minute, under everything it reads: a read right after any change of those shows
     * the change — a scan without findings, a critical finding, a budget, cost lines, the targets, a new service and its
     * telemetry — and a running month's card still ends at the moment it is read.
     */
    @Test
    void a_kept_card_follows_every_change_it_reads() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        Instant from = Instant.now().minusSeconds(240);
        as(ingest).body(batch(spread("api", from, 3, 1000, 0, 20))).post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).get("/scorecard").then().statusCode(200)
                .body("items[0].pillars.status", contains("EXCEEDING", "EXCEEDING", "EXCEEDING", "NO_DATA", "NO_DATA"));

        as(tenant.adminKey()).body(Map.of("SchemaVersion", 2, "ArtifactName", "api:1.0", "Results", List.of()))
                .post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201);
        as(tenant.adminKey()).get("/scorecard").then().body("items[0].pillars[3].current", equalTo(0.0))
                .body("items[0].pillars[3].detail", equalTo("open now"));
        as(tenant.adminKey()).body(Map.of("SchemaVersion", 2, "ArtifactName", "api:1.1", "Results", List.of(Map.of("Target", "api:1.1",
                "Vulnerabilities", List.of(Map.of("VulnerabilityID", "CVE-2026-2222", "PkgName", "zlib", "Severity", "CRITICAL"))))))
                .post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201);
        as(tenant.adminKey()).get("/scorecard").then().body("items[0].pillars[3].current", equalTo(1.0));

        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        as(tenant.adminKey()).body(Map.of("name", "all", "scope", "ORGANIZATION", "monthlyAmount", 2 * month.lengthOfMonth(), "currency", "USD"))
                .post("/cost/budgets").then().statusCode(201);
        as(tenant.adminKey()).get("/scorecard").then().body("items[0].pillars[4].status", org.hamcrest.Matchers.not(equalTo("NO_DATA")));
        CostIT.csv(tenant.adminKey()).body(CostIT.file(List.of(CostIT.row(month.atDay(1), "2.00", "Compute", "VM", "api", null))))
                .post("/cost/imports").then().statusCode(201);
        as(tenant.adminKey()).get("/scorecard").then().body("items[0].pillars[4].current", closeTo(100.0, 1e-6))
                .body("items[0].pillars[4].status", equalTo("MET"));

        as(tenant.adminKey()).body(Map.of("uptimePercent", 95, "p95Ms", 10, "errorRatePercent", 1, "criticalFindings", 0))
                .put("/scorecard/targets").then().statusCode(200);
        as(tenant.adminKey()).get("/scorecard").then().body("items[0].pillars[0].targetValue", closeTo(95.0, 1e-9))
                .body("items[0].pillars[1].status", equalTo("BELOW"));

        String webId = registerService(tenant.adminKey(), "web");
        as(ingest).body(batch(spread("web", from, 3, 1000, 10, 20))).post("/telemetry/observations").then().statusCode(200);
        Instant first = Instant.parse(as(tenant.adminKey()).get("/scorecard").then()
                .body("items[0].pillars[0].detail", equalTo("1990 of 2000 requests good")).extract().<String>path("items[0].to"));
        // Read again (kept, unless the minute has just ended): the running month ends at the later read.
        Instant second = Instant.parse(as(tenant.adminKey()).get("/scorecard").then().extract().<String>path("items[0].to"));
        org.junit.jupiter.api.Assertions.assertTrue(second.isAfter(first), "the running month ends when it is read: " + first + ", then " + second);

        // A repair that drops the new service's days: the card no longer counts them.
        java.time.LocalDate firstDay = from.atZone(ZoneOffset.UTC).toLocalDate();
        as(tenant.adminKey()).delete("/services/" + webId + "/telemetry?from=" + firstDay.atStartOfDay(ZoneOffset.UTC).toInstant() + "&to="
                + java.time.LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).then().statusCode(200);
        as(tenant.adminKey()).get("/scorecard").then().body("items[0].pillars[0].detail", equalTo("1000 of 1000 requests good"));
    }
}
