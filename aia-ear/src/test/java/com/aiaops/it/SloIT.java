package com.aiaops.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.observation;
import static com.aiaops.it.Telemetry.spread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** SLOs over ingested telemetry: SLI, error budget, burn-rate alerts, and the release freeze they imply. */
class SloIT extends ApiIT {
    private static final Instant NOW = Instant.now();

    private static String defineSlo(String key, Map<String, Object> definition) {
        return as(key).body(definition).post("/slos").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> availability(String serviceId, String name, double targetPercent) {
        Map<String, Object> d = new HashMap<>();
        d.put("serviceId", serviceId);
        d.put("name", name);
        d.put("indicator", "AVAILABILITY");
        d.put("targetPercent", targetPercent);
        d.put("window", "30d");
        d.put("minimumEvents", 100);
        return d;
    }

    @Test
    void a_service_without_traffic_is_no_data() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "quiet");
        String slo = defineSlo(tenant.adminKey(), availability(serviceId, "quiet-availability", 99.9));
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                .body("state", equalTo("NO_DATA")).body("sli", nullValue())
                .body("budgetMinutes", closeTo(43.2, 1e-6));
    }

    /**
     * Pages of SLOs are kept until the organisation's SLOs change: an SLO defined or deleted is in, or out of, the very
     * next page read, with its statuses, and a page read twice between changes is the same.
     */
    @Test
    void a_kept_page_of_slos_changes_as_soon_as_an_slo_is_defined_or_deleted() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "kept");
        String first = defineSlo(tenant.adminKey(), availability(serviceId, "kept-b", 99.9));
        String before = as(tenant.adminKey()).get("/slos").then().statusCode(200).extract().asString();
        assertEquals(before, as(tenant.adminKey()).get("/slos").then().statusCode(200).extract().asString());
        as(tenant.adminKey()).get("/slos/statuses").then().statusCode(200).body("items.slo.id", contains(first));

        String second = defineSlo(tenant.adminKey(), availability(serviceId, "kept-a", 99.5));
        as(tenant.adminKey()).get("/slos").then().statusCode(200).body("items.id", contains(second, first))
                .body("items[0].target", closeTo(0.995, 1e-12));
        as(tenant.adminKey()).get("/slos/statuses").then().statusCode(200).body("items.slo.id", contains(second, first))
                .body("items.status.state", contains("NO_DATA", "NO_DATA"));
        // Pages of one: the cursor goes on through the kept pages.
        String cursor = as(tenant.adminKey()).queryParam("limit", 1).get("/slos").then().statusCode(200)
                .body("items.id", contains(second)).extract().path("nextCursor");
        as(tenant.adminKey()).queryParam("limit", 1).queryParam("cursor", cursor).get("/slos").then().statusCode(200)
                .body("items.id", contains(first)).body("nextCursor", nullValue());

        as(tenant.adminKey()).delete("/slos/" + second).then().statusCode(204);
        as(tenant.adminKey()).get("/slos").then().statusCode(200).body("items.id", contains(first));
        as(tenant.adminKey()).get("/slos/statuses").then().statusCode(200).body("items.slo.id", contains(first));
        as(tenant.adminKey()).queryParam("limit", 1).get("/slos").then().statusCode(200).body("items.id", contains(first))
                .body("nextCursor", nullValue());
        // Another organisation's pages are its own.
        Tenant other = newTenant();
        as(other.adminKey()).get("/slos").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void a_fast_burn_pages_and_a_spent_budget_freezes_releases() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        String ingest = issueKey(tenant, "INGEST");
        String slo = defineSlo(tenant.adminKey(), availability(serviceId, "checkout-availability", 99));

        // Two days ago, 30,000 good requests; in the last three minutes, 1,000 requests of which 200 failed.
        for (int i = 0; i < 3; i++) {
            as(ingest).body(batch(spread("checkout", NOW.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(10L * i)), 10, 10_000, 0, 30)))
                    .post("/telemetry/observations").then().statusCode(200);
        }
        as(ingest).body(batch(spread("checkout", NOW.minusSeconds(180), 3, 1000, 200, 30))).post("/telemetry/observations")
                .then().statusCode(200);

        // Burn over 1 h and 5 m: (200 / 1000) / 1 % = 20, above 14.4. Budget spent: 200 / (1 % of 31,000) = 64.5 %.
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                .body("state", equalTo("CRITICAL"))
                .body("totalEvents", equalTo(31_000)).body("goodEvents", equalTo(30_800))
                .body("budgetConsumed", closeTo(200.0 / 310, 1e-9))
                .body("budgetRemainingMinutes", closeTo(432 * (1 - 200.0 / 310), 1e-6))
                .body("alerts[0].longWindow", equalTo("1h")).body("alerts[0].firing", equalTo(true))
                .body("alerts[0].longBurnRate", closeTo(20, 1e-9))
                .body("burnRates.window", contains("5m", "30m", "1h", "6h", "3d"));
        as(tenant.adminKey()).get("/services/" + serviceId + "/error-budget-policy").then().statusCode(200)
                .body("releasesFrozen", equalTo(false));

        as(ingest).body(batch(spread("checkout", NOW.minusSeconds(60), 1, 400, 400, 30))).post("/telemetry/observations")
                .then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().body("state", equalTo("EXHAUSTED"));
        as(tenant.adminKey()).get("/services/" + serviceId + "/error-budget-policy").then()
                .body("releasesFrozen", equalTo(true)).body("exhaustedSlos", contains("checkout-availability"));
    }

    @Test
    void a_latency_slo_counts_requests_at_or_under_its_threshold_exactly() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        Map<String, Object> latency = availability(serviceId, "search-latency", 95);
        latency.put("indicator", "LATENCY");
        latency.put("latencyThresholdMs", 300);
        String slo = defineSlo(tenant.adminKey(), latency);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(observation("search", NOW.minusSeconds(240 - i), 200, i < 180 ? 100 + i : 300.5 + i));
        }
        as(issueKey(tenant, "INGEST")).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(180)).body("totalEvents", equalTo(200)).body("sli", closeTo(0.9, 1e-12))
                .body("state", equalTo("EXHAUSTED"));
    }

    /**
     * Ingest keeps the thresholds a service's SLOs measure against under the organisation's SLO set: a batch after a latency
     * SLO is defined counts its threshold, although the batches before it (which asked for the service's thresholds when
     * there were none) found them kept.
     */
    @Test
    void a_threshold_defined_between_two_batches_is_counted_from_the_second() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "lookup");
        String ingest = issueKey(tenant, "INGEST");
        for (int round = 0; round < 3; round++) { // asked, then found kept
            as(ingest).body(batch(spread("lookup", NOW.minusSeconds(300), 1, 10, 0, 50))).post("/telemetry/observations").then().statusCode(200);
        }
        Map<String, Object> latency = availability(serviceId, "lookup-latency", 95);
        latency.put("indicator", "LATENCY");
        latency.put("latencyThresholdMs", 300);
        String slo = defineSlo(tenant.adminKey(), latency);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(observation("lookup", NOW.minusSeconds(200 - i), 200, i < 15 ? 120 + i : 450 + i));
        }
        as(ingest).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        // The 30 requests before the SLO had no threshold to count against; the 20 after it all did.
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(15)).body("totalEvents", equalTo(20));
    }

    /**
     * "Good if < 300 ms" and "good if ≤ 300 ms" are two SLOs: requests at exactly 300 ms are bad for the first and good
     * for the second, counted apart by ingestion (observations and pre-counted minutes), and each is exported with its
     * own OpenSLO op. So are the two the other way ("good if > 300 ms", "≥ 300 ms"), which OpenSLO documents may say.
     */
    @Test
    void a_strict_latency_bound_and_an_inclusive_one_disagree_on_requests_at_the_bound() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "quotes");
        Map<String, Object> inclusive = availability(serviceId, "quotes-at-most-300", 95);
        inclusive.put("indicator", "LATENCY");
        inclusive.put("latencyThresholdMs", 300);
        Map<String, Object> strict = new HashMap<>(inclusive);
        strict.put("name", "quotes-under-300");
        strict.put("latencyThresholdStrict", true);
        Map<String, Object> above = new HashMap<>(strict);
        above.put("name", "quotes-over-300");
        above.put("latencyGoodAbove", true);
        Map<String, Object> atLeast = new HashMap<>(inclusive);
        atLeast.put("name", "quotes-at-least-300");
        atLeast.put("latencyGoodAbove", true);
        String inclusiveSlo = defineSlo(tenant.adminKey(), inclusive);
        String strictSlo = defineSlo(tenant.adminKey(), strict);
        String aboveSlo = defineSlo(tenant.adminKey(), above);
        String atLeastSlo = defineSlo(tenant.adminKey(), atLeast);
        as(tenant.adminKey()).get("/slos/" + aboveSlo).then().body("latencyGoodAbove", equalTo(true)).body("latencyThresholdStrict", equalTo(true));
        as(tenant.adminKey()).get("/slos/" + strictSlo).then().body("latencyThresholdStrict", equalTo(true));
        as(tenant.adminKey()).get("/slos/" + inclusiveSlo).then().body("latencyThresholdStrict", equalTo(false));

        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // 60 well under, 30 at exactly 300 ms, 10 just over
            items.add(observation("quotes", NOW.minusSeconds(300 - i), 200, i < 60 ? 120 : i < 90 ? 300.0 : 300.001));
        }
        String ingest = issueKey(tenant, "INGEST");
        as(ingest).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        Instant minute = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(8));
        as(ingest).body(Map.of("minutes", List.of(Map.of("service", "quotes", "minute", minute.toString(), "total", 10, "good", 10,
                "latencies", List.of(Map.of("ms", 300, "count", 4), Map.of("ms", 299.999, "count", 6))))))
                .post("/telemetry/minutes").then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + inclusiveSlo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(60 + 30 + 10)).body("totalEvents", equalTo(110));
        as(tenant.adminKey()).get("/slos/" + strictSlo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(60 + 6)).body("totalEvents", equalTo(110));
        as(tenant.adminKey()).get("/slos/" + aboveSlo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(10)).body("totalEvents", equalTo(110));
        as(tenant.adminKey()).get("/slos/" + atLeastSlo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(30 + 10 + 4)).body("totalEvents", equalTo(110));

        String exported = as(tenant.adminKey()).get("/slos/openslo").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(exported.matches("(?s).*name: quotes-under-300.*op: lt\\b.*"), exported);
        org.junit.jupiter.api.Assertions.assertTrue(exported.matches("(?s).*name: quotes-at-most-300.*op: lte\\b.*"), exported);
        org.junit.jupiter.api.Assertions.assertTrue(exported.matches("(?s).*name: quotes-over-300.*op: gt\\b.*"), exported);
        org.junit.jupiter.api.Assertions.assertTrue(exported.matches("(?s).*name: quotes-at-least-300.*op: gte\\b.*"), exported);

        // The export imports again as the same four SLOs (another organisation, same service), each counting as before.
        Tenant again = newTenant();
        registerService(again.adminKey(), "quotes");
        as(again.adminKey()).config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)))
                .contentType("application/yaml").body(exported).post("/slos/openslo").then().statusCode(201);
        as(issueKey(again, "INGEST")).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        Map<String, Integer> good = new HashMap<>();
        for (Map<String, Object> slo : as(again.adminKey()).get("/slos").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")) {
            good.put((String) slo.get("name"), as(again.adminKey()).get("/slos/" + slo.get("id") + "/status").then().statusCode(200)
                    .extract().path("goodEvents"));
        }
        assertEquals(Map.of("quotes-at-most-300", 90, "quotes-under-300", 60, "quotes-over-300", 10, "quotes-at-least-300", 40), good);
    }

    /** RatioTimeslices (OpenSLO): a quiet minute at 50 % weighs as much as a busy one; the SLI is the slices' average. */
    @Test
    void ratio_timeslices_average_each_minutes_ratio() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "quiet-api");
        Map<String, Object> d = availability(serviceId, "quiet-api-ratio-slices", 99);
        d.put("budgetingMethod", "RATIO_TIMESLICES");
        d.put("timeSliceWindow", "1m");
        d.put("window", "1d");
        String slo = defineSlo(tenant.adminKey(), d);
        Instant minute = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        as(issueKey(tenant, "INGEST")).body(Map.of("minutes", List.of(
                        Map.of("service", "quiet-api", "minute", minute.toString(), "total", 2, "good", 1),
                        Map.of("service", "quiet-api", "minute", minute.plusSeconds(60).toString(), "total", 1000, "good", 1000))))
                .post("/telemetry/minutes").then().statusCode(200);
        // 1,440 slices in the day: one at 0.5, the rest without failure. By events it would be 1 - 1/1002.
        io.restassured.path.json.JsonPath status = as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                .body("goodEvents", equalTo(1001)).body("totalEvents", equalTo(1002))
                .body("sli", closeTo(1 - 0.5 / 1440, 1e-6)).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals((1 - status.getDouble("sli")) / 0.01, status.getDouble("budgetConsumed"), 1e-9);
        String exported = as(tenant.adminKey()).get("/slos/" + slo + "/openslo").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(exported.contains("budgetingMethod: RatioTimeslices"), exported);
        org.junit.jupiter.api.Assertions.assertFalse(exported.contains("timeSliceTarget"), exported);
    }

    @Test
    void timeslices_budget_counts_bad_minutes() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "batch-api");
        Map<String, Object> d = availability(serviceId, "batch-api-minutes", 99);
        d.put("budgetingMethod", "TIMESLICES");
        d.put("timeSliceTarget", 0.95);
        d.put("timeSliceWindow", "1m");
        d.put("window", "1d");
        String slo = defineSlo(tenant.adminKey(), d);
        Instant start = NOW.minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            for (int i = 0; i < 20; i++) {
                boolean bad = minute < 2 && i < 5; // minutes 0 and 1 are 75 % good: bad slices
                items.add(observation("batch-api", start.plus(Duration.ofMinutes(minute)).plusSeconds(i), bad ? 500 : 200, 5));
            }
        }
        as(issueKey(tenant, "INGEST")).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        // 1 % of 1,440 minutes allows 14.4 bad ones: 2 spend 13.9 % of the budget. The SLI is over the same 1,440
        // slices (minutes without requests had no failure), so (1 - SLI) / (1 - target) is the budget consumed.
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                .body("goodSlices", equalTo(1438)).body("badSlices", equalTo(2)).body("sli", closeTo(1 - 2 / 1440.0, 1e-12))
                .body("budgetConsumed", closeTo(2 / 14.4, 1e-9)).body("budgetMinutes", closeTo(14.4, 1e-9));
    }

    @Test
    void a_recurring_window_is_left_out_of_the_budget_at_each_occurrence() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "batch");
        Map<String, Object> d = availability(serviceId, "batch-availability", 99);
        d.put("window", "1d");
        String slo = defineSlo(tenant.adminKey(), d);
        Instant base = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        String ingest = issueKey(tenant, "INGEST");
        as(ingest).body(batch(spread("batch", base.minus(Duration.ofMinutes(10)), 1, 100, 0, 5))).post("/telemetry/observations")
                .then().statusCode(200);
        as(ingest).body(batch(spread("batch", base, 5, 50, 50, 5))).post("/telemetry/observations").then().statusCode(200);

        // Announced yesterday for the same minutes every day: today's occurrence covers the 50 failures.
        Instant firstStart = base.minus(Duration.ofDays(1)).minus(Duration.ofMinutes(1));
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "title", "nightly batch", "startsAt", firstStart.toString(),
                        "endsAt", firstStart.plus(Duration.ofMinutes(7)).toString(), "recurrence", "DAILY", "timeZone", "UTC"))
                .post("/maintenance-windows").then().statusCode(201).body("recurrence", equalTo("DAILY"));
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then()
                .body("totalEvents", equalTo(100)).body("state", equalTo("HEALTHY"));
        as(tenant.adminKey()).queryParam("from", firstStart.minus(Duration.ofMinutes(5)).toString())
                .queryParam("to", base.plus(Duration.ofHours(1)).toString()).get("/maintenance-windows/occurrences").then().statusCode(200)
                .body("items.startsAt", org.hamcrest.Matchers.contains(firstStart.toString(), firstStart.plus(Duration.ofDays(1)).toString()));

        // A daily window as long as a day would overlap itself.
        as(tenant.adminKey()).body(Map.of("title", "too long", "startsAt", base.toString(), "endsAt", base.plus(Duration.ofHours(23)).toString(),
                "recurrence", "DAILY")).post("/maintenance-windows").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("title", "bad zone", "startsAt", base.toString(), "endsAt", base.plus(Duration.ofHours(1)).toString(),
                "recurrence", "WEEKLY", "timeZone", "Mars/Olympus")).post("/maintenance-windows").then().statusCode(400);
    }

    @Test
    void maintenance_minutes_are_left_out_of_the_budget() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "db");
        Map<String, Object> d = availability(serviceId, "db-availability", 99);
        d.put("window", "1d");
        String slo = defineSlo(tenant.adminKey(), d);
        Instant base = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        String ingest = issueKey(tenant, "INGEST");
        as(ingest).body(batch(spread("db", base.minus(Duration.ofMinutes(10)), 1, 100, 0, 5))).post("/telemetry/observations")
                .then().statusCode(200);
        as(ingest).body(batch(spread("db", base, 5, 50, 50, 5))).post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().body("totalEvents", equalTo(150)).body("state", equalTo("EXHAUSTED"));

        String window = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "title", "database upgrade",
                        "startsAt", base.minus(Duration.ofMinutes(1)).toString(), "endsAt", base.plus(Duration.ofMinutes(6)).toString()))
                .post("/maintenance-windows").then().statusCode(201).extract().path("id");
        // The 50 failed requests fell inside the window: the SLO sees 100 good ones, and 7 fewer minutes of budget.
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then()
                .body("totalEvents", equalTo(100)).body("goodEvents", equalTo(100)).body("state", equalTo("HEALTHY"))
                .body("budgetMinutes", closeTo(0.01 * (1440 - 7), 1e-9));
        as(tenant.adminKey()).get("/maintenance-windows").then().body("items.id", hasItem(window));
        as(tenant.adminKey()).delete("/maintenance-windows/" + window).then().statusCode(204);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().body("totalEvents", equalTo(150));
        // A window of the whole organisation (no service) is the service's too; its status follows it in and out.
        String everywhere = as(tenant.adminKey()).body(Map.of("title", "network change",
                        "startsAt", base.minus(Duration.ofMinutes(1)).toString(), "endsAt", base.plus(Duration.ofMinutes(6)).toString()))
                .post("/maintenance-windows").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().body("totalEvents", equalTo(100)).body("state", equalTo("HEALTHY"));
        as(tenant.adminKey()).delete("/maintenance-windows/" + everywhere).then().statusCode(204);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().body("totalEvents", equalTo(150));
        as(tenant.adminKey()).body(Map.of("title", "backwards", "startsAt", NOW.toString(), "endsAt", NOW.minusSeconds(60).toString()))
                .post("/maintenance-windows").then().statusCode(400);
        Tenant other = newTenant();
        as(other.adminKey()).get("/maintenance-windows/" + window).then().statusCode(404);
    }

    /**
     * A page of statuses evaluates its SLOs together (one maintenance read and one telemetry read per resolution for all
     * of them): each status is the one its SLO gets alone, across services, thresholds and maintenance of one service or
     * of the whole organisation.
     */
    @Test
    void a_page_of_statuses_evaluated_together_answers_as_each_slo_alone() {
        Tenant tenant = newTenant();
        String pay = registerService(tenant.adminKey(), "pay");
        String ship = registerService(tenant.adminKey(), "ship");
        String ingest = issueKey(tenant, "INGEST");
        Map<String, String> slos = new java.util.LinkedHashMap<>();
        slos.put("pay-availability", defineSlo(tenant.adminKey(), availability(pay, "pay-availability", 99)));
        Map<String, Object> payFast = availability(pay, "pay-fast", 90);
        payFast.put("indicator", "LATENCY");
        payFast.put("latencyThresholdMs", 200);
        slos.put("pay-fast", defineSlo(tenant.adminKey(), payFast));
        Map<String, Object> paySlow = availability(pay, "pay-under-400", 95);
        paySlow.put("indicator", "LATENCY");
        paySlow.put("latencyThresholdMs", 400);
        paySlow.put("window", "7d");
        slos.put("pay-under-400", defineSlo(tenant.adminKey(), paySlow));
        slos.put("ship-availability", defineSlo(tenant.adminKey(), availability(ship, "ship-availability", 99.5)));
        Map<String, Object> shipFast = availability(ship, "ship-fast", 90);
        shipFast.put("indicator", "LATENCY");
        shipFast.put("latencyThresholdMs", 200);
        shipFast.put("window", "1d");
        slos.put("ship-fast", defineSlo(tenant.adminKey(), shipFast));
        // Latency thresholds are counted from their SLO on. Three hours ago, 30 minutes of each: latencies from 50 to 449 ms; pay fails one in ten, ship one in twenty.
        Instant base = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        for (String service : List.of("pay", "ship")) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                int failEvery = service.equals("pay") ? 10 : 20;
                items.add(observation(service, base.plusSeconds(i * 3L / 2), i % failEvery == 0 ? 503 : 200, 50 + (i % 400)));
            }
            as(ingest).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        }
        // Pay's own maintenance over its first five minutes; the organisation's over everyone's last five.
        as(tenant.adminKey()).body(Map.of("serviceId", pay, "title", "pay migration", "startsAt", base.toString(),
                "endsAt", base.plus(Duration.ofMinutes(5)).toString())).post("/maintenance-windows").then().statusCode(201);
        as(tenant.adminKey()).body(Map.of("title", "network change", "startsAt", base.plus(Duration.ofMinutes(25)).toString(),
                "endsAt", base.plus(Duration.ofMinutes(30)).toString())).post("/maintenance-windows").then().statusCode(201);

        Map<String, Map<String, Object>> alone = new HashMap<>();
        slos.forEach((name, id) -> alone.put(name, as(tenant.adminKey()).get("/slos/" + id + "/status").then().statusCode(200)
                .extract().path("")));
        // Pay lost its first and last five minutes (400 requests), ship its last five (200).
        assertEquals(800, ((Number) alone.get("pay-availability").get("totalEvents")).intValue());
        assertEquals(1000, ((Number) alone.get("ship-availability").get("totalEvents")).intValue());
        // Ship's 1,000 counted requests at or under 200 ms: those with latencies 50 to 200 of each 400 (151 × 2.5).
        assertEquals(453, ((Number) alone.get("ship-fast").get("goodEvents")).intValue());

        // A window announced for next year changes no count, but makes every cached status and count unreachable:
        // the page below evaluates all five together.
        as(tenant.adminKey()).body(Map.of("title", "next year", "startsAt", NOW.plus(Duration.ofDays(365)).toString(),
                "endsAt", NOW.plus(Duration.ofDays(365)).plus(Duration.ofHours(1)).toString())).post("/maintenance-windows").then().statusCode(201);
        List<Map<String, Object>> page = as(tenant.adminKey()).queryParam("limit", 200).get("/slos/statuses").then().statusCode(200)
                .extract().path("items");
        assertEquals(5, page.size());
        for (Map<String, Object> item : page) {
            @SuppressWarnings("unchecked")
            String name = (String) ((Map<String, Object>) item.get("slo")).get("name");
            @SuppressWarnings("unchecked")
            Map<String, Object> together = (Map<String, Object>) item.get("status");
            for (String field : List.of("state", "sli", "goodEvents", "totalEvents", "budgetMinutes", "budgetConsumed", "burnRates", "alerts")) {
                assertEquals(alone.get(name).get(field), together.get(field), name + " " + field);
            }
        }
        // Two at a time, the cursor leads through the same five by name, each with its status; the last page has no cursor.
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = as(tenant.adminKey()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var answer = request.get("/slos/statuses").then().statusCode(200).contentType("application/json").extract().jsonPath();
            paged.addAll(answer.getList("items.slo.name"));
            assertFalse(answer.getList("items.status.state").contains(null), answer.prettify());
            cursor = answer.getString("nextCursor");
        } while (cursor != null);
        assertEquals(page.stream().map(item -> (String) ((Map<?, ?>) item.get("slo")).get("name")).toList(), paged);
    }

    @Test
    void invalid_definitions_are_400_and_other_organisations_see_nothing() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        Map<String, Object> noThreshold = availability(serviceId, "latency-without-threshold", 99);
        noThreshold.put("indicator", "LATENCY");
        as(tenant.adminKey()).body(noThreshold).post("/slos").then().statusCode(400)
                .body("errors.field", hasItem("latencyThresholdMs"));
        Map<String, Object> badWindow = availability(serviceId, "bad-window", 99);
        badWindow.put("window", "30 days");
        as(tenant.adminKey()).body(badWindow).post("/slos").then().statusCode(400);
        Map<String, Object> twoTargets = availability(serviceId, "two-targets", 99);
        twoTargets.put("target", 0.99);
        as(tenant.adminKey()).body(twoTargets).post("/slos").then().statusCode(400);
        Map<String, Object> calendarWithoutZone = availability(serviceId, "calendar", 99);
        calendarWithoutZone.put("rolling", false);
        calendarWithoutZone.put("window", "1M");
        as(tenant.adminKey()).body(calendarWithoutZone).post("/slos").then().statusCode(400);
        Map<String, Object> slicesWithoutTarget = availability(serviceId, "slices", 99);
        slicesWithoutTarget.put("budgetingMethod", "TIMESLICES");
        as(tenant.adminKey()).body(slicesWithoutTarget).post("/slos").then().statusCode(400);
        as(tenant.adminKey()).get("/slos").then().body("items.size()", equalTo(0));

        Map<String, Object> calendar = availability(serviceId, "calendar-month", 99.5);
        calendar.put("rolling", false);
        calendar.put("window", "1M");
        calendar.put("calendarStart", "2026-01-01T00:00:00");
        calendar.put("timeZone", "Europe/Paris");
        String slo = defineSlo(tenant.adminKey(), calendar);
        as(tenant.adminKey()).get("/slos/" + slo).then().statusCode(200).body("timeZone", equalTo("Europe/Paris"));
        // Read once, so its reference and status are cached: neither may answer another organisation, nor outlive a deletion.
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200);

        Tenant other = newTenant();
        as(other.adminKey()).get("/slos/" + slo).then().statusCode(404);
        as(other.adminKey()).get("/slos/" + slo + "/status").then().statusCode(404);
        as(other.adminKey()).delete("/slos/" + slo).then().statusCode(404);
        as(other.adminKey()).get("/services/" + serviceId + "/error-budget-policy").then().statusCode(404);
        as(other.adminKey()).body(availability(serviceId, "on-their-service", 99)).post("/slos").then().statusCode(400);

        as(tenant.adminKey()).delete("/slos/" + slo).then().statusCode(204);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(404);
    }

    @Test
    void a_status_read_in_a_minute_is_ready_when_the_next_minute_begins_and_an_ingest_after_it_still_counts() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "ahead");
        String ingest = issueKey(tenant, "INGEST");
        String slo = defineSlo(tenant.adminKey(), availability(serviceId, "ahead-availability", 99));
        as(ingest).body(batch(spread("ahead", NOW.minusSeconds(180), 2, 500, 5, 30))).post("/telemetry/observations")
                .then().statusCode(200);
        try {
            // Read in this minute, so this node prepares the SLO's next statuses.
            as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200).body("totalEvents", equalTo(500));
            // The platform's clock to the 45th second of the next minute: then the minute after it is prepared.
            Instant clock = serverNow();
            Instant prepared = clock.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
            moveClockTo(prepared.minusSeconds(15));
            eventually(Duration.ofSeconds(60), () -> assertEquals(prepared.getEpochSecond(), preparedMinute()));

            moveClockTo(prepared.plusSeconds(5));
            String evaluatedAt = as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                    .body("totalEvents", equalTo(500)).body("goodEvents", equalTo(495)).extract().path("evaluatedAt");
            // Evaluated before the minute began, at its first microsecond, not when it was read.
            assertEquals(prepared.plus(1, java.time.temporal.ChronoUnit.MICROS), Instant.parse(evaluatedAt));

            // An ingest after the preparation makes the prepared status unreachable, as it makes any cached answer.
            as(ingest).body(batch(spread("ahead", NOW.minusSeconds(60), 1, 100, 100, 30))).post("/telemetry/observations")
                    .then().statusCode(200);
            as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200)
                    .body("totalEvents", equalTo(600)).body("goodEvents", equalTo(495));
        } finally {
            clockAhead(Duration.ZERO);
        }
    }

    /** Moves the platform's clock ahead to this instant (a little after it: real time runs on between the two calls). */
    private static void moveClockTo(Instant target) {
        Instant clock = serverNow();
        clockAhead(clockOffset().plus(Duration.between(clock, target)));
    }

    /** The minute the server last prepared SLO statuses for, from its platform metrics. */
    private static long preparedMinute() {
        String metrics = as(operatorKey()).get("/metrics/platform").then().statusCode(200).extract().asString();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^aia_slo_statuses_prepared_minute_seconds (\\S+)$").matcher(metrics);
        if (!value.find()) {
            throw new AssertionError("no aia_slo_statuses_prepared_minute_seconds in the platform metrics");
        }
        return (long) Double.parseDouble(value.group(1));
    }

    @Test
    void a_batch_into_the_last_minutes_and_a_late_batch_into_older_minutes_both_count_at_once() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "sealed");
        String ingest = issueKey(tenant, "INGEST");
        String slo = defineSlo(tenant.adminKey(), availability(serviceId, "sealed-availability", 99));
        Instant clock = serverNow();
        as(ingest).body(batch(spread("sealed", clock.minus(Duration.ofMinutes(30)), 2, 100, 1, 30))).post("/telemetry/observations")
                .then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200).body("totalEvents", equalTo(100)).body("goodEvents", equalTo(99));
        // Into the last minutes only: the windows' older part may come from the cache, the last minutes must not.
        as(ingest).body(batch(spread("sealed", clock.minusSeconds(70), 1, 50, 0, 30))).post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200).body("totalEvents", equalTo(150)).body("goodEvents", equalTo(149));
        // A late batch into minutes long past: their cached part must go too.
        as(ingest).body(batch(spread("sealed", clock.minus(Duration.ofMinutes(20)), 1, 10, 10, 30))).post("/telemetry/observations")
                .then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200).body("totalEvents", equalTo(160)).body("goodEvents", equalTo(149));
    }
}
