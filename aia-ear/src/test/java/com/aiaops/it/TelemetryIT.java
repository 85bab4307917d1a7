package com.aiaops.it;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.observation;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingesting observation batches (idempotent, all or nothing) and querying rates and percentiles. */
class TelemetryIT extends ApiIT {
    private static final Instant NOW = Instant.now();

    private static int requests(String key, String serviceId, Instant from, Instant to) {
        return as(key).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/services/" + serviceId + "/telemetry").then().statusCode(200).extract().path("requests");
    }

    private static List<Integer> requestsPerMinute(String key, String serviceId, Instant from, Instant to) {
        return seriesRequests(key, serviceId, from, to, "1m");
    }

    private static List<Integer> seriesRequests(String key, String serviceId, Instant from, Instant to, String step) {
        return as(key).queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("step", step)
                .get("/services/" + serviceId + "/telemetry/series").then().statusCode(200).extract().path("points.requests");
    }

    @Test
    void minute_rollups_past_their_retention_go_while_hours_days_and_younger_minutes_stay() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "aging");
        String ingest = issueKey(tenant, "INGEST");
        Instant old = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        as(ingest).body(batch(spread("aging", old, 5, 100, 4, 20))).post("/telemetry/observations").then().statusCode(200);
        Instant hour = old.truncatedTo(ChronoUnit.HOURS);
        assertEquals(100, requestsPerMinute(tenant.adminKey(), serviceId, old, old.plus(Duration.ofMinutes(5))).stream()
                .mapToInt(Integer::intValue).sum());
        try {
            clockAhead(Duration.ofDays(36)); // those minutes are now 36 days old; the retention keeps 35
            Instant now = Instant.parse(anonymous().get("/test-clock").then().statusCode(200).extract().<String>path("now"));
            Instant young = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
            as(ingest).body(batch(spread("aging", young, 2, 30, 0, 20))).post("/telemetry/observations").then().statusCode(200);

            int deleted = anonymous().post("/test-retention/minutes").then().statusCode(200).extract().path("minuteRollups");
            assertTrue(deleted >= 5, "at least this service's five old minutes: " + deleted);
            assertEquals(List.of(0, 0, 0, 0, 0), requestsPerMinute(tenant.adminKey(), serviceId, old, old.plus(Duration.ofMinutes(5))));
            // the hours and the day keep the old counts; the young minutes are all there
            assertEquals(100, requests(tenant.adminKey(), serviceId, hour, hour.plus(Duration.ofHours(2))));
            assertEquals(30, requestsPerMinute(tenant.adminKey(), serviceId, young, young.plus(Duration.ofMinutes(2))).stream()
                    .mapToInt(Integer::intValue).sum());
            // a second run finds nothing more to delete of them
            anonymous().post("/test-retention/minutes").then().statusCode(200);
            assertEquals(30, requestsPerMinute(tenant.adminKey(), serviceId, young, young.plus(Duration.ofMinutes(2))).stream()
                    .mapToInt(Integer::intValue).sum());
        } finally {
            clockAhead(Duration.ZERO);
        }
    }

    @Test
    void a_series_or_summary_read_again_counts_every_write_since_into_old_and_new_minutes_and_no_minute_after_its_end() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "dash");
        String ingest = issueKey(tenant, "INGEST");
        Instant realNow = Instant.now();
        // The platform's clock half past an hour: the last point of an hourly series ending at twenty past lies inside
        // the hour's bucket, and every minute written below but the last is sealed (more than two minutes old).
        clockAhead(Duration.between(realNow, realNow.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(90))));
        try {
            Instant now = Instant.parse(anonymous().get("/test-clock").then().statusCode(200).extract().<String>path("now"));
            Instant hour = now.truncatedTo(ChronoUnit.HOURS);
            Instant from = hour.minus(Duration.ofHours(2));
            Instant to = hour.plus(Duration.ofMinutes(20));
            as(ingest).body(batch(spread("dash", hour.minus(Duration.ofMinutes(90)), 1, 5, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            as(ingest).body(batch(spread("dash", hour.plus(Duration.ofMinutes(10)), 1, 6, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            // After 'to' but inside its hour: not part of the series' last point.
            as(ingest).body(batch(spread("dash", hour.plus(Duration.ofMinutes(25)), 1, 4, 0, 20))).post("/telemetry/observations").then().statusCode(200);

            assertEquals(List.of(5, 0, 6), seriesRequests(tenant.adminKey(), serviceId, from, to, "1h"));
            assertEquals(List.of(5, 0, 6), seriesRequests(tenant.adminKey(), serviceId, from, to, "1h"));
            assertEquals(11, requests(tenant.adminKey(), serviceId, from, to));

            // Late data into sealed minutes, in the first and in the last point: both read again, not kept.
            as(ingest).body(batch(spread("dash", hour.minus(Duration.ofMinutes(90)), 1, 7, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            as(ingest).body(batch(spread("dash", hour.plus(Duration.ofMinutes(15)), 1, 3, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(List.of(12, 0, 9), seriesRequests(tenant.adminKey(), serviceId, from, to, "1h"));
            assertEquals(21, requests(tenant.adminKey(), serviceId, from, to));

            // A minute series up to now: the sealed minutes stay as they were, the last minute takes each new batch.
            Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
            Instant last = minute.minus(Duration.ofMinutes(1));
            // A summary reaching past now: its sealed minutes' sum is kept, the last minutes are added after each batch.
            Instant ahead = minute.plus(Duration.ofHours(1));
            assertEquals(List.of(0, 4, 0, 0, 0, 0), seriesRequests(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(6)), minute, "1m"));
            assertEquals(25, requests(tenant.adminKey(), serviceId, from, ahead));
            as(ingest).body(batch(spread("dash", last, 1, 2, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(List.of(0, 4, 0, 0, 0, 2), seriesRequests(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(6)), minute, "1m"));
            assertEquals(27, requests(tenant.adminKey(), serviceId, from, ahead));
            as(ingest).body(batch(spread("dash", last, 1, 8, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(List.of(0, 4, 0, 0, 0, 10), seriesRequests(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(6)), minute, "1m"));
            assertEquals(35, requests(tenant.adminKey(), serviceId, from, ahead));
            // Late data into a sealed minute of that summary: its kept sum is read again, not served.
            as(ingest).body(batch(spread("dash", minute.minus(Duration.ofMinutes(5)), 1, 1, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(36, requests(tenant.adminKey(), serviceId, from, ahead));
            assertEquals(List.of(0, 5, 0, 0, 0, 10), seriesRequests(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(6)), minute, "1m"));
        } finally {
            clockAhead(Duration.ZERO);
        }
    }

    @Test
    void a_retired_service_has_no_telemetry_to_read_even_right_after_it_was_read() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "short-lived");
        assertEquals(0, requests(tenant.adminKey(), serviceId, NOW.minusSeconds(3600), NOW));
        as(tenant.adminKey()).queryParam("step", "5m").get("/services/" + serviceId + "/telemetry/series").then().statusCode(200);
        as(tenant.adminKey()).delete("/services/" + serviceId).then().statusCode(204);
        as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry").then().statusCode(404);
        as(tenant.adminKey()).queryParam("step", "5m").get("/services/" + serviceId + "/telemetry/series").then().statusCode(404);
    }

    @Test
    void a_retried_batch_counts_once_and_a_reused_key_with_other_data_is_refused() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        var body = batch(spread("api", NOW.minusSeconds(600), 5, 100, 3, 40));

        var first = as(ingest).header("Idempotency-Key", "batch-0001").body(body).post("/telemetry/observations")
                .then().statusCode(200).body("accepted", equalTo(100)).body("duplicate", equalTo(false)).extract();
        as(ingest).header("Idempotency-Key", "batch-0001").body(body).post("/telemetry/observations")
                .then().statusCode(200).body("duplicate", equalTo(true)).body("batchId", equalTo(first.path("batchId")));
        assertEquals(100, requests(tenant.adminKey(), serviceId, NOW.minusSeconds(3600), NOW));

        as(ingest).header("Idempotency-Key", "batch-0001").body(batch(spread("api", NOW.minusSeconds(600), 5, 7, 0, 40)))
                .post("/telemetry/observations").then().statusCode(409)
                .body("type", equalTo("urn:aia-ops:problem:idempotency-key-reused"));
        assertEquals(100, requests(tenant.adminKey(), serviceId, NOW.minusSeconds(3600), NOW));
    }

    @Test
    void a_batch_with_bad_items_is_refused_whole_and_names_each_one() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        List<Map<String, Object>> items = new ArrayList<>(spread("api", NOW.minusSeconds(300), 2, 10, 0, 10));
        items.add(observation("api", NOW.minus(Duration.ofDays(30)), 200, 10));
        items.add(observation("api", NOW.plus(Duration.ofHours(2)), 200, 10));
        items.add(observation("ghost", NOW, 200, 10));
        items.add(observation("api", NOW, 999, -5));
        as(ingest).body(batch(items)).post("/telemetry/observations").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:invalid-observations"))
                .body("errors.field", hasItems("observations[10].timestamp", "observations[11].timestamp",
                        "observations[12].service", "observations[13].status", "observations[13].latencyMs"))
                .body("errors.find { it.field == 'observations[10].timestamp' }.message", containsString("older"))
                .body("errors.find { it.field == 'observations[11].timestamp' }.message", containsString("future"));
        assertEquals(0, requests(tenant.adminKey(), serviceId, NOW.minusSeconds(3600), NOW));
        as(ingest).body(Map.of("observations", List.of())).post("/telemetry/observations").then().statusCode(400);
        as(ingest).body("{\"observations\":[{\"service\":\"api\",\"timestamp\":\"yesterday\",\"status\":200}]}")
                .post("/telemetry/observations").then().statusCode(400)
                .body("errors[0].field", equalTo("observations[0].timestamp"));
    }

    @Test
    void a_service_registered_after_a_batch_was_refused_for_its_slug_takes_the_next_batch() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        var body = batch(spread("late", NOW.minusSeconds(120), 1, 5, 0, 10));
        as(ingest).body(batch(spread("api", NOW.minusSeconds(120), 1, 5, 0, 10))).post("/telemetry/observations").then().statusCode(200);
        as(ingest).body(body).post("/telemetry/observations").then().statusCode(400).body("errors[0].field", equalTo("observations[0].service"));
        String late = registerService(tenant.adminKey(), "late");
        as(ingest).body(body).post("/telemetry/observations").then().statusCode(200).body("accepted", equalTo(5));
        assertEquals(5, requests(tenant.adminKey(), late, NOW.minusSeconds(3600), NOW));
    }

    @Test
    void a_batch_is_read_as_written_and_a_value_that_does_not_fit_is_named_by_its_item() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        String at = NOW.minusSeconds(120).toString();
        // Escaped names and text, an offset, a number with an exponent, white space: one batch as any JSON writer may send it.
        String written = "{ \"observations\" : [\n {\"servic\\u0065\":\"\\u0061pi\",\"timestamp\":\"" + at + "\",\"status\":2e2,"
                + "\"latencyMs\":1.25E1},\n {\"service\":\"api\",\"timestamp\":\"" + NOW.minusSeconds(120).atOffset(java.time.ZoneOffset.ofHours(-5))
                + "\",\"outcome\":\"BAD\",\"latencyMs\":0} ] }\n";
        as(ingest).body(written).post("/telemetry/observations").then().statusCode(200).body("accepted", equalTo(2));
        as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry?from=" + NOW.minusSeconds(3600)).then().statusCode(200)
                .body("requests", equalTo(2)).body("goodRequests", equalTo(1));

        String good = "{\"service\":\"api\",\"timestamp\":\"" + at + "\",\"status\":200}";
        for (String[] refused : List.of(new String[] {"\"status\":200.5", "observations[1].status"},
                new String[] {"\"status\":\"200\"", "observations[1].status"}, new String[] {"\"latencyMs\":1e400", "observations[1].latencyMs"},
                new String[] {"\"latencyMs\":1e99999999999", "observations[1].latencyMs"},
                new String[] {"\"outcome\":\"good\"", "observations[1].outcome"}, new String[] {"\"colour\":\"red\"", "observations[1].colour"},
                new String[] {"\"timestamp\":\"2026-02-29T00:00:00Z\"", "observations[1].timestamp"})) {
            String body = "{\"observations\":[" + good + ",{\"service\":\"api\",\"timestamp\":\"" + at + "\",\"status\":200," + refused[0] + "}]}";
            as(ingest).body(body).post("/telemetry/observations").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:aia-ops:problem:validation-failed")).body("errors[0].field", equalTo(refused[1]));
        }
        // Content after the batch is not JSON the API takes, although a reader might stop before it.
        as(ingest).body("{\"observations\":[" + good + "]}}").post("/telemetry/observations").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:malformed-json"));
        as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry?from=" + NOW.minusSeconds(3600)).then().statusCode(200)
                .body("requests", equalTo(2));
    }

    @Test
    void only_ingest_or_operator_callers_send_and_only_to_their_own_services() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "api");
        Tenant other = newTenant();
        String othersService = registerService(other.adminKey(), "secret-api");
        String viewer = issueKey(tenant, "VIEWER");
        String ingest = issueKey(tenant, "INGEST");
        var body = batch(spread("api", NOW.minusSeconds(60), 1, 5, 0, 10));
        as(viewer).body(body).post("/telemetry/observations").then().statusCode(403);
        as(ingest).get("/services").then().statusCode(403);
        as(ingest).body(batch(spread("secret-api", NOW.minusSeconds(60), 1, 5, 0, 10))).post("/telemetry/observations")
                .then().statusCode(400).body("errors[0].field", equalTo("observations[0].service"));
        as(tenant.adminKey()).get("/services/" + othersService + "/telemetry").then().statusCode(404);
        assertEquals(0, requests(other.adminKey(), othersService, NOW.minusSeconds(3600), NOW));
    }

    @Test
    void late_data_lands_in_the_right_minute_hour_and_day() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        Instant twoDaysAgo = NOW.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(10));
        as(ingest).body(batch(spread("api", twoDaysAgo, 10, 60, 6, 50))).post("/telemetry/observations").then().statusCode(200);
        as(ingest).body(batch(spread("api", NOW.minusSeconds(120), 1, 40, 0, 50))).post("/telemetry/observations").then().statusCode(200);

        // Three days: whole days, hours and minutes are all read, and each request counts once.
        as(tenant.adminKey()).queryParam("from", NOW.minus(Duration.ofDays(3)).toString()).queryParam("to", NOW.toString())
                .get("/services/" + serviceId + "/telemetry").then().statusCode(200)
                .body("requests", equalTo(100)).body("goodRequests", equalTo(94)).body("errorRate", equalTo(0.06));
        var hourly = as(tenant.adminKey()).queryParam("from", twoDaysAgo.truncatedTo(ChronoUnit.HOURS).toString())
                .queryParam("to", twoDaysAgo.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(3)).toString())
                .queryParam("step", "1h").get("/services/" + serviceId + "/telemetry/series").then().statusCode(200).extract();
        assertEquals(List.of(60, 0, 0), hourly.path("points.requests"));
        assertEquals(60.0 / 3600, ((Number) hourly.path("points[0].requestsPerSecond")).doubleValue(), 1e-9);
    }

    @Test
    void percentiles_are_within_one_percent_of_the_exact_values_of_a_recorded_dataset() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        Random random = new Random(7);
        Instant start = NOW.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
        double[] latencies = new double[6000];
        for (int b = 0; b < 3; b++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = b * 2000 + i;
                latencies[n] = Math.round(Math.exp(4 + 0.8 * random.nextGaussian()) * 1000) / 1000.0;
                items.add(observation("api", start.plusSeconds(n), 200, latencies[n]));
            }
            as(ingest).body(batch(items)).post("/telemetry/observations").then().statusCode(200);
        }
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        var summary = as(tenant.adminKey()).queryParam("from", start.minus(Duration.ofMinutes(30)).toString())
                .queryParam("to", start.plus(Duration.ofHours(2)).toString()).queryParam("quantiles", "0.5,0.9,0.95,0.99,0.999")
                .get("/services/" + serviceId + "/telemetry").then().statusCode(200).body("requests", equalTo(6000)).extract();
        for (var q : Map.of("p50", 0.5, "p90", 0.9, "p95", 0.95, "p99", 0.99, "p99.9", 0.999).entrySet()) {
            double exact = sorted[(int) Math.floor(q.getValue() * (sorted.length - 1))];
            double reported = ((Number) summary.path("latencyMs.'" + q.getKey() + "'")).doubleValue();
            assertTrue(Math.abs(reported - exact) <= 0.01 * exact, q.getKey() + " reported " + reported + ", exact " + exact);
        }
    }

    @Test
    void pre_aggregated_minutes_count_exactly_like_observations() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "edge");
        String ingest = issueKey(tenant, "INGEST");
        Map<String, Object> latency = new java.util.HashMap<>(Map.of("serviceId", serviceId, "name", "edge-latency",
                "indicator", "LATENCY", "latencyThresholdMs", 250, "targetPercent", 90, "window", "1d"));
        as(tenant.adminKey()).body(latency).post("/slos").then().statusCode(201);
        Instant minute = NOW.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        var body = Map.of("minutes", List.of(
                Map.of("service", "edge", "minute", minute.toString(), "total", 1000, "good", 990,
                        "latencies", List.of(Map.of("ms", 100.0, "count", 900), Map.of("ms", 250.0, "count", 50),
                                Map.of("ms", 800.0, "count", 50))),
                Map.of("service", "edge", "minute", minute.plus(Duration.ofMinutes(1)).toString(), "total", 10, "good", 10)));
        as(ingest).header("Idempotency-Key", "minutes-1").body(body).post("/telemetry/minutes").then().statusCode(200)
                .body("accepted", equalTo(2));
        as(ingest).header("Idempotency-Key", "minutes-1").body(body).post("/telemetry/minutes").then().statusCode(200)
                .body("duplicate", equalTo(true));
        var summary = as(tenant.adminKey()).queryParam("from", minute.toString()).queryParam("quantiles", "0.5,0.99")
                .get("/services/" + serviceId + "/telemetry").then().statusCode(200)
                .body("requests", equalTo(1010)).body("goodRequests", equalTo(1000)).extract();
        assertEquals(100.0, ((Number) summary.path("latencyMs.p50")).doubleValue(), 1.0);
        assertEquals(800.0, ((Number) summary.path("latencyMs.p99")).doubleValue(), 8.0);
        String slo = as(tenant.adminKey()).get("/slos").then().extract().path("items[0].id");
        // 950 of the 1,000 requests with a latency took 250 ms or less: exact, from the counted values.
        as(tenant.adminKey()).get("/slos/" + slo + "/status").then().body("goodEvents", equalTo(950))
                .body("totalEvents", equalTo(1000));

        as(ingest).body(Map.of("minutes", List.of(Map.of("service", "edge", "minute", minute.plusSeconds(30).toString(),
                        "total", 5, "good", 6))))
                .post("/telemetry/minutes").then().statusCode(400)
                .body("errors.field", hasItems("minutes[0].minute", "minutes[0].good"));
        // A value that does not fit is named by its place, down to the latency count that holds it.
        String good = "{\"service\":\"edge\",\"minute\":\"" + minute + "\",\"total\":5,\"good\":5}";
        as(ingest).body("{\"minutes\":[" + good + ",{\"service\":\"edge\",\"minute\":\"" + minute
                        + "\",\"total\":5,\"good\":5,\"latencies\":[{\"ms\":5,\"count\":1},{\"ms\":\"5\",\"count\":1}]}]}")
                .post("/telemetry/minutes").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:validation-failed")).body("errors[0].field", equalTo("minutes[1].latencies[1].ms"));
        as(ingest).body("{\"minutes\":[" + good + "]} []").post("/telemetry/minutes").then().statusCode(400)
                .body("type", equalTo("urn:aia-ops:problem:malformed-json"));
    }

    @Test
    void concurrent_batches_into_the_same_new_buckets_all_count() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "busy");
        String ingest = issueKey(tenant, "INGEST");
        Instant at = NOW.minusSeconds(90);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> as(ingest).body(batch(spread("busy", at, 1, 50, 5, 20)))
                        .post("/telemetry/observations").then().extract().statusCode()));
            }
            for (var result : results) {
                assertEquals(200, result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        as(tenant.adminKey()).queryParam("from", NOW.minusSeconds(600).toString()).get("/services/" + serviceId + "/telemetry")
                .then().body("requests", equalTo(800)).body("goodRequests", equalTo(720));
    }

    @Test
    void concurrent_keyed_batches_count_once_each_while_a_key_reused_for_other_data_is_refused_alone() throws Exception {
        // Batches arriving together are written together (one transaction for several): keys must still hold per batch.
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "keyed");
        String ingest = issueKey(tenant, "INGEST");
        Instant at = NOW.minusSeconds(90);
        var body = batch(spread("keyed", at, 1, 50, 5, 20));
        var otherBody = batch(spread("keyed", at, 1, 40, 0, 20));
        record Sent(String key, boolean other, java.util.concurrent.Future<io.restassured.response.Response> response) {
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<Sent> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String key = "burst-" + i;
                sent.add(new Sent(key, false, pool.submit(() -> as(ingest).header("Idempotency-Key", key).body(body).post("/telemetry/observations"))));
                if (i == 0) { // three twins of the first
                    for (int twin = 0; twin < 3; twin++) {
                        sent.add(new Sent(key, false, pool.submit(() -> as(ingest).header("Idempotency-Key", key).body(body).post("/telemetry/observations"))));
                    }
                }
                if (i == 1) { // the second's key, reused for other data
                    sent.add(new Sent(key, true, pool.submit(() -> as(ingest).header("Idempotency-Key", key).body(otherBody).post("/telemetry/observations"))));
                }
            }
            int firsts = 0;
            int refused = 0;
            boolean otherAccepted = false;
            for (Sent s : sent) {
                var response = s.response().get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (response.statusCode() == 409) {
                    assertEquals("burst-1", s.key(), response.asString());
                    refused++;
                    continue;
                }
                assertEquals(200, response.statusCode(), response.asString());
                if (s.key().equals("burst-0") && !response.jsonPath().getBoolean("duplicate")) {
                    firsts++;
                }
                otherAccepted |= s.other();
            }
            assertEquals(1, firsts, "one of four twins is the batch, three are its duplicates");
            assertEquals(1, refused, "one of the two batches under burst-1 is refused, whichever came second");
            // 12 batches counted once each; under burst-1 either the 50 first sent or the other 40
            int requests = otherAccepted ? 11 * 50 + 40 : 12 * 50;
            int good = otherAccepted ? 11 * 45 + 40 : 12 * 45;
            as(tenant.adminKey()).queryParam("from", NOW.minusSeconds(600).toString()).get("/services/" + serviceId + "/telemetry")
                    .then().body("requests", equalTo(requests)).body("goodRequests", equalTo(good));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ingest_is_counted_in_the_metrics() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "api");
        as(issueKey(tenant, "INGEST")).body(batch(spread("api", NOW.minusSeconds(60), 1, 3, 0, 10)))
                .post("/telemetry/observations").then().statusCode(200);
        as(operatorKey()).get("/metrics/platform").then().statusCode(200)
                .body(containsString("aia_telemetry_records_total{kind=\"observations\",result=\"accepted\"}"))
                .body(containsString("aia_telemetry_batches_total{kind=\"observations\",result=\"accepted\"}"))
                .body(containsString("aia_telemetry_group_transactions_total{result=\"committed\"}"))
                .body(containsString("aia_telemetry_group_batches_total "))
                .body(containsString("aia_telemetry_batches_refused_busy_total 0"));
    }

    @Test
    void bad_query_parameters_are_400() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        as(tenant.adminKey()).queryParam("from", "last tuesday").get("/services/" + serviceId + "/telemetry").then().statusCode(400);
        as(tenant.adminKey()).queryParam("from", NOW.toString()).queryParam("to", NOW.minusSeconds(3600).toString())
                .get("/services/" + serviceId + "/telemetry").then().statusCode(400);
        as(tenant.adminKey()).queryParam("quantiles", "0.5,1.5").get("/services/" + serviceId + "/telemetry").then().statusCode(400);
        as(tenant.adminKey()).queryParam("step", "0m").get("/services/" + serviceId + "/telemetry/series").then().statusCode(400);
        as(tenant.adminKey()).queryParam("from", NOW.minus(Duration.ofDays(30)).toString()).queryParam("step", "1m")
                .get("/services/" + serviceId + "/telemetry/series").then().statusCode(400)
                .body("detail", containsString("points"));
    }
}
