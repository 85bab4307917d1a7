package com.aiaops.it;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Deployments, the DORA metrics with named band sets, and the release freeze of a spent error budget. */
class DeliveryIT extends ApiIT {
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what the databases keep

    private static Map<String, Object> deployment(String serviceId, String environment, Instant finished, Duration leadTime, String result) {
        Map<String, Object> d = new HashMap<>();
        d.put("serviceId", serviceId);
        d.put("version", "v" + finished.getEpochSecond());
        d.put("environment", environment);
        d.put("commits", List.of(Map.of("sha", "a1b2c3d4e5f6", "committedAt", finished.minus(leadTime).toString()),
                Map.of("sha", "0f9e8d7c", "committedAt", finished.minus(leadTime).plusSeconds(600).toString())));
        d.put("startedAt", finished.minusSeconds(300).toString());
        d.put("finishedAt", finished.toString());
        d.put("result", result);
        return d;
    }

    private static String record(String key, Map<String, Object> deployment) {
        return as(key).body(deployment).post("/deployments").then().statusCode(201).extract().path("id");
    }

    @Test
    void dora_metrics_count_deployment_days_median_lead_time_attributed_failures_and_restore_time() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        record(tenant.adminKey(), deployment(serviceId, "production", NOW.minus(Duration.ofDays(5)), Duration.ofHours(2), "SUCCESS"));
        record(tenant.adminKey(), deployment(serviceId, "production", NOW.minus(Duration.ofDays(2)), Duration.ofHours(4), "SUCCESS"));
        String last = record(tenant.adminKey(), deployment(serviceId, "production", NOW.minus(Duration.ofHours(1)), Duration.ofHours(6), "SUCCESS"));
        record(tenant.adminKey(), deployment(serviceId, "staging", NOW.minus(Duration.ofHours(3)), Duration.ofMinutes(10), "SUCCESS"));
        record(tenant.adminKey(), deployment(serviceId, "production", NOW.minus(Duration.ofHours(2)), Duration.ofMinutes(10), "FAILURE"));
        String firstCommit = as(tenant.adminKey()).get("/deployments/" + last).then().statusCode(200)
                .body("commits.size()", equalTo(2)).extract().path("firstCommitAt");
        org.junit.jupiter.api.Assertions.assertEquals(NOW.minus(Duration.ofHours(7)),
                Instant.parse(firstCommit));

        // An hour after the last deployment, checkout breaks: that deployment caused it.
        String incident = as(tenant.adminKey()).body(Map.of("title", "Checkout 500s", "severity", "P1", "serviceIds", List.of(serviceId)))
                .post("/incidents").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("to", "RESOLVED")).post("/incidents/" + incident + "/transitions").then().statusCode(200);
        Map<String, Object> rollback = deployment(serviceId, "production", NOW.plusSeconds(1), Duration.ofHours(8), "SUCCESS");
        rollback.put("rollbackOf", last);

        String from = NOW.minus(Duration.ofDays(7)).toString();
        String to = NOW.plus(Duration.ofMinutes(1)).toString();
        as(tenant.adminKey()).queryParam("from", from).queryParam("to", to).queryParam("serviceId", serviceId).get("/dora").then()
                .statusCode(200)
                .body("bandSet", equalTo("2024")).body("bandReport", equalTo("Accelerate State of DevOps 2024"))
                .body("metrics.deployments", equalTo(3)).body("metrics.deploymentDays", equalTo(3))
                .body("metrics.deploymentDaysPerWeek", closeTo(3.0, 0.01))
                .body("metrics.medianLeadTime", equalTo("PT4H"))
                // the change that caused the incident, and the production deployment that failed: 2 of 4 changes
                .body("metrics.failedChanges", equalTo(2)).body("metrics.changeFailureRate", closeTo(2.0 / 4, 1e-9))
                .body("metrics.failedDeploymentIds", hasItem(last))
                .body("metrics.restoredIncidents", equalTo(1))
                .body("leadTimeLevel", equalTo("ELITE")).body("changeFailureRateLevel", equalTo("LOW"))
                .body("deploymentFrequencyLevel", equalTo("HIGH")).body("timeToRestoreLevel", equalTo("ELITE"));

        // A tighter attribution window blames nobody; another band set judges the same numbers differently.
        as(tenant.adminKey()).queryParam("from", from).queryParam("to", to).queryParam("attributionWindow", "30m")
                .queryParam("bands", "2021").get("/dora").then()
                .body("metrics.changeFailureRate", equalTo(0.25)).body("bandSet", equalTo("2021"))
                .body("leadTimeLevel", equalTo("HIGH")).body("attributionWindow", equalTo("PT30M"));
        as(tenant.adminKey()).queryParam("bands", "1999").get("/dora").then().statusCode(400)
                .body("errors[0].field", equalTo("bands"));
        as(tenant.adminKey()).get("/dora/bands").then().body("items.name", contains("2021", "2023", "2024"));

        record(tenant.adminKey(), rollback);
        as(tenant.adminKey()).queryParam("from", from).queryParam("to", NOW.plus(Duration.ofMinutes(2)).toString()).get("/dora").then()
                .body("rollbacks", equalTo(1));
        Tenant other = newTenant();
        as(other.adminKey()).get("/deployments/" + last).then().statusCode(404);
        as(other.adminKey()).queryParam("serviceId", serviceId).get("/dora").then().statusCode(404);
    }

    @Test
    void a_spent_error_budget_freezes_production_releases_except_fixes_and_audited_admin_overrides() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "payments");
        String ingest = issueKey(tenant, "INGEST");
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "payments-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99, "window", "1d", "minimumEvents", 10)).post("/slos").then().statusCode(201);
        as(ingest).body(batch(spread("payments", NOW.minusSeconds(600), 5, 100, 50, 20))).post("/telemetry/observations").then().statusCode(200);

        Instant finished = NOW.minusSeconds(30);
        as(tenant.adminKey()).body(deployment(serviceId, "production", finished, Duration.ofHours(1), "SUCCESS")).post("/deployments")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:error-budget-exhausted")).body("detail", containsString("payments-availability"));
        record(tenant.adminKey(), deployment(serviceId, "staging", finished, Duration.ofHours(1), "SUCCESS"));

        Map<String, Object> hotfix = deployment(serviceId, "production", finished, Duration.ofHours(1), "SUCCESS");
        hotfix.put("changeKind", "P0_FIX");
        record(tenant.adminKey(), hotfix);
        Map<String, Object> security = deployment(serviceId, "production", finished, Duration.ofHours(1), "SUCCESS");
        security.put("changeKind", "SECURITY_FIX");
        record(tenant.adminKey(), security);

        Map<String, Object> overridden = deployment(serviceId, "production", finished, Duration.ofHours(1), "SUCCESS");
        overridden.put("freezeOverrideReason", "contractual launch, approved by the CTO");
        as(issueKey(tenant, "OPERATOR")).body(overridden).post("/deployments").then().statusCode(403);
        String id = record(tenant.adminKey(), overridden);
        as(tenant.adminKey()).get("/deployments/" + id).then().body("freezeOverrideReason", equalTo("contractual launch, approved by the CTO"));
        as(tenant.adminKey()).get("/deployments/" + record(tenant.adminKey(), hotfix)).then().body("freezeOverrideReason", nullValue());
        as(tenant.adminKey()).get("/audit-events?limit=200").then()
                .body("items.action", hasItem("deployment.freeze-exempted"))
                .body("items.findAll { it.action == 'deployment.freeze-exempted' }.size()", equalTo(4));
    }

    @Test
    void bad_deployments_are_refused_whole() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        Map<String, Object> backwards = deployment(serviceId, "production", NOW, Duration.ofHours(1), "SUCCESS");
        backwards.put("startedAt", NOW.plusSeconds(60).toString());
        as(tenant.adminKey()).body(backwards).post("/deployments").then().statusCode(400).body("errors[0].field", equalTo("finishedAt"));
        Map<String, Object> future = deployment(serviceId, "production", NOW, Duration.ofHours(-1), "SUCCESS");
        as(tenant.adminKey()).body(future).post("/deployments").then().statusCode(400).body("errors[0].field", equalTo("commits"));
        Map<String, Object> badSha = deployment(serviceId, "production", NOW, Duration.ofHours(1), "SUCCESS");
        badSha.put("commits", List.of(Map.of("sha", "not-hex!", "committedAt", NOW.toString())));
        as(tenant.adminKey()).body(badSha).post("/deployments").then().statusCode(400);
        Map<String, Object> ghostRollback = deployment(serviceId, "production", NOW, Duration.ofHours(1), "SUCCESS");
        ghostRollback.put("rollbackOf", java.util.UUID.randomUUID().toString());
        as(tenant.adminKey()).body(ghostRollback).post("/deployments").then().statusCode(400).body("errors[0].field", equalTo("rollbackOf"));
        as(issueKey(tenant, "VIEWER")).body(deployment(serviceId, "production", NOW, Duration.ofHours(1), "SUCCESS"))
                .post("/deployments").then().statusCode(403);
        as(tenant.adminKey()).get("/deployments").then().body("items.size()", equalTo(0));
    }
    @Test
    void one_services_dora_counts_only_its_changes_and_a_page_of_deployments_carries_each_ones_own_commits() {
        Tenant tenant = newTenant();
        String checkout = registerService(tenant.adminKey(), "checkout");
        String search = registerService(tenant.adminKey(), "search");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant finished = NOW.minus(Duration.ofHours(10 + i));
            Map<String, Object> d = deployment(i % 2 == 0 ? checkout : search, "production", finished, Duration.ofHours(i + 1), "SUCCESS");
            // lead times: checkout 1, 3, 5 h; search 2, 4, 6 h
            d.put("commits", List.of(Map.of("sha", String.format("%040x", i + 1), "committedAt", finished.minus(Duration.ofHours(i + 1)).toString())));
            ids.add(record(tenant.adminKey(), d));
        }
        String incident = as(tenant.adminKey()).body(Map.of("title", "Search 500s", "severity", "P2", "serviceIds", List.of(search)))
                .post("/incidents").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("to", "RESOLVED")).post("/incidents/" + incident + "/transitions").then().statusCode(200);
        // The rollback is search's last deployment before the incident, so the incident is attributed to it.
        Map<String, Object> rollback = deployment(search, "production", NOW.minus(Duration.ofHours(9)), Duration.ofHours(1), "SUCCESS");
        rollback.put("rollbackOf", ids.get(1));
        String rollbackId = record(tenant.adminKey(), rollback);

        String from = NOW.minus(Duration.ofDays(7)).toString();
        String to = NOW.plus(Duration.ofMinutes(2)).toString();
        as(tenant.adminKey()).queryParam("from", from).queryParam("to", to).queryParam("serviceId", checkout).get("/dora").then()
                .statusCode(200).body("metrics.deployments", equalTo(3)).body("metrics.medianLeadTime", equalTo("PT3H"))
                .body("metrics.failedChanges", equalTo(0)).body("metrics.restoredIncidents", equalTo(0)).body("rollbacks", equalTo(0));
        as(tenant.adminKey()).queryParam("from", from).queryParam("to", to).queryParam("serviceId", search).get("/dora").then()
                .statusCode(200).body("metrics.deployments", equalTo(4)).body("metrics.medianLeadTime", equalTo("PT3H"))
                .body("metrics.failedDeploymentIds", containsInAnyOrder(ids.get(1), rollbackId)).body("metrics.restoredIncidents", equalTo(1))
                .body("rollbacks", equalTo(1));
        as(tenant.adminKey()).queryParam("from", from).queryParam("to", to).get("/dora").then()
                .statusCode(200).body("metrics.deployments", equalTo(7)).body("rollbacks", equalTo(1));

        // Commits come with each deployment of a page, the right ones for each (loaded together for the page).
        var page = as(tenant.adminKey()).queryParam("limit", 200).get("/deployments").then().statusCode(200).body("items.size()", equalTo(7));
        for (int i = 0; i < 6; i++) {
            page.body("items.find { it.id == '" + ids.get(i) + "' }.commits.sha", contains(String.format("%040x", i + 1)));
        }
    }

    @Test
    void a_kept_page_of_deployments_has_a_deployment_as_soon_as_it_is_recorded() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "kept");
        String first = record(tenant.adminKey(), deployment(serviceId, "staging", NOW.minus(Duration.ofHours(3)), Duration.ofHours(1), "SUCCESS"));
        String before = as(tenant.adminKey()).queryParam("order", "newest").get("/deployments").then().statusCode(200)
                .body("items.id", contains(first)).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(before, as(tenant.adminKey()).queryParam("order", "newest").get("/deployments").then().extract().asString());

        String second = record(tenant.adminKey(), deployment(serviceId, "staging", NOW.minus(Duration.ofHours(2)), Duration.ofHours(1), "FAILURE"));
        as(tenant.adminKey()).queryParam("order", "newest").get("/deployments").then().statusCode(200).body("items.id", contains(second, first))
                .body("items[0].result", equalTo("FAILURE"));
        as(tenant.adminKey()).get("/deployments").then().statusCode(200).body("items.id", contains(first, second));
        String cursor = as(tenant.adminKey()).queryParam("limit", 1).get("/deployments").then().body("items.id", contains(first))
                .extract().path("nextCursor");
        as(tenant.adminKey()).queryParam("limit", 1).queryParam("cursor", cursor).get("/deployments").then().statusCode(200)
                .body("items.id", contains(second)).body("nextCursor", nullValue());

        // A deployment refused whole is in no page.
        as(tenant.adminKey()).body(deployment(serviceId, "staging", NOW, Duration.ofHours(-1), "SUCCESS")).post("/deployments")
                .then().statusCode(400);
        as(tenant.adminKey()).get("/deployments").then().body("items.id", contains(first, second));
        Tenant other = newTenant();
        as(other.adminKey()).get("/deployments").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    /**
     * The last thirty days' DORA, of the organisation and of one service, is kept until a deployment or an incident changes
     * (or, for a service, a service), or, as time alone passes, one leaves the window or one dated later comes into it; every
     * answer names the thirty days ending when it was asked.
     */
    @Test
    void the_last_thirty_days_follow_each_change_and_the_window_moving_on() {
        Tenant tenant = newTenant();
        String key = tenant.adminKey();
        String serviceId = registerService(key, "dora-kept");
        Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try {
            record(key, deployment(serviceId, "production", base.minus(Duration.ofDays(29)), Duration.ofHours(2), "SUCCESS"));
            record(key, deployment(serviceId, "production", base.minus(Duration.ofHours(1)), Duration.ofHours(4), "SUCCESS"));
            // Dated two hours ahead (another system's clock, say): not in the window until then.
            record(key, deployment(serviceId, "production", base.plus(Duration.ofHours(2)), Duration.ofHours(1), "SUCCESS"));
            String other = registerService(key, "dora-other");
            record(key, deployment(other, "production", base.minus(Duration.ofHours(5)), Duration.ofHours(1), "SUCCESS"));
            for (int read = 0; read < 2; read++) {
                lastThirtyDays(key, Duration.ZERO).body("metrics.deployments", equalTo(3)).body("metrics.failedChanges", equalTo(0));
                lastThirtyDays(key, serviceId, Duration.ZERO).body("metrics.deployments", equalTo(2)).body("metrics.failedChanges", equalTo(0));
            }
            // An incident an hour after the last deployment: that deployment failed, in the very next answer.
            as(key).body(Map.of("title", "Checkout 500s", "severity", "P1", "serviceIds", List.of(serviceId))).post("/incidents")
                    .then().statusCode(201);
            lastThirtyDays(key, Duration.ZERO).body("metrics.deployments", equalTo(3)).body("metrics.failedChanges", equalTo(1));
            lastThirtyDays(key, serviceId, Duration.ZERO).body("metrics.deployments", equalTo(2)).body("metrics.failedChanges", equalTo(1));
            lastThirtyDays(key, other, Duration.ZERO).body("metrics.deployments", equalTo(1)).body("metrics.failedChanges", equalTo(0));

            // Three hours on, nothing changed but the time: the deployment dated ahead is in.
            clockAhead(Duration.ofHours(3));
            lastThirtyDays(key, Duration.ofHours(3)).body("metrics.deployments", equalTo(4)).body("metrics.failedChanges", equalTo(1));
            lastThirtyDays(key, serviceId, Duration.ofHours(3)).body("metrics.deployments", equalTo(3)).body("metrics.failedChanges", equalTo(1));
            // Twenty-eight hours on, the one of twenty-nine days ago is out.
            clockAhead(Duration.ofHours(28));
            lastThirtyDays(key, Duration.ofHours(28)).body("metrics.deployments", equalTo(3)).body("metrics.failedChanges", equalTo(1));
            lastThirtyDays(key, serviceId, Duration.ofHours(28)).body("metrics.deployments", equalTo(2)).body("metrics.failedChanges", equalTo(1));
            record(key, deployment(serviceId, "production", base.plus(Duration.ofHours(20)), Duration.ofHours(1), "SUCCESS"));
            lastThirtyDays(key, Duration.ofHours(28)).body("metrics.deployments", equalTo(4));
            lastThirtyDays(key, serviceId, Duration.ofHours(28)).body("metrics.deployments", equalTo(3));
            // A service retired: its figures are not found any more, though no deployment or incident changed.
            String quiet = registerService(key, "dora-quiet");
            lastThirtyDays(key, quiet, Duration.ofHours(28)).body("metrics.deployments", equalTo(0));
            as(key).delete("/services/" + quiet).then().statusCode(204);
            as(key).queryParam("serviceId", quiet).get("/dora").then().statusCode(404);
            // A named window is its own question; another organisation's figures are its own.
            as(key).queryParam("from", base.minus(Duration.ofDays(31)).toString()).queryParam("to", base.toString()).get("/dora").then()
                    .statusCode(200).body("metrics.deployments", equalTo(3));
            as(key).queryParam("from", base.minus(Duration.ofDays(31)).toString()).queryParam("to", base.toString()).queryParam("serviceId", serviceId)
                    .get("/dora").then().statusCode(200).body("metrics.deployments", equalTo(2));
            as(newTenant().adminKey()).get("/dora").then().statusCode(200).body("metrics.deployments", equalTo(0));
        } finally {
            clockAhead(Duration.ZERO);
        }
    }

    /** GET /dora with no window, checked to be over the thirty days ending when it was asked (the server's clock {@code ahead}). */
    private static io.restassured.response.ValidatableResponse lastThirtyDays(String key, Duration ahead) {
        return lastThirtyDays(key, null, ahead);
    }

    /** As above, of one service ({@code serviceId} not null). */
    private static io.restassured.response.ValidatableResponse lastThirtyDays(String key, String serviceId, Duration ahead) {
        Instant before = Instant.now().plus(ahead);
        io.restassured.response.ValidatableResponse answer = (serviceId == null ? as(key) : as(key).queryParam("serviceId", serviceId))
                .get("/dora").then().statusCode(200);
        Instant after = Instant.now().plus(ahead);
        Instant from = Instant.parse(answer.extract().path("metrics.from"));
        Instant to = Instant.parse(answer.extract().path("metrics.to"));
        org.junit.jupiter.api.Assertions.assertEquals(Duration.ofDays(30), Duration.between(from, to));
        org.junit.jupiter.api.Assertions.assertFalse(to.isBefore(before) || to.isAfter(after),
                "the window ends when it was asked: " + to + " not in [" + before + ", " + after + "]");
        return answer;
    }
}
