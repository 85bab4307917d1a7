package com.aiaops.crash;

import com.aiaops.it.Receiver;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static com.aiaops.crash.OwnServer.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL database, started together, form one cluster (JGroups TCP, static discovery): a rate
 * limit and cached answers are the cluster's, a notification is sent once though both nodes dispatch, a schedule
 * fires once per slot and goes on while a node is down, and a node killed with kill -9 while telemetry comes in
 * through both loses no acknowledged observation, leaves browser sessions working on the other, and rejoins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String DATABASE = "aia_cluster_it";
    private static final String HOSTS = "-Daia.cluster.hosts=127.0.0.1[8100],127.0.0.1[8200]";
    private static final String[] COMMON = {HOSTS, "-Daia.schedule.backup-retention=*/15 * * * * *",
            "-Daia.outbound.allowed-internal=127.0.0.1,::1"};
    private static final OwnServer A = new OwnServer("node-a", 500, OwnServer.properties(COMMON, OwnServer.onPostgres(DATABASE)));
    private static final OwnServer B = new OwnServer("node-b", 600, OwnServer.properties(COMMON, OwnServer.onPostgres(DATABASE)));
    private static final String PASSWORD = "a long cluster passphrase";
    private static String key;
    private static String ingestKey;
    private static String serviceId;
    private static Instant killedAt;
    /** When node-a was started again: it may fire a slot before its start returns, so the outage ends here. */
    private static Instant restartedAt;
    private static Instant rejoinedAt;

    @BeforeAll
    static void twoNodesStartedTogether() throws Exception {
        OwnServer.recreateDatabase(DATABASE);
        A.fresh();
        B.fresh();
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> startUnchecked(A));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> startUnchecked(B));
        CompletableFuture.allOf(a, b).join();
        OwnServer.Organization organization = A.signUp("cluster-org", "ops@cluster.example", PASSWORD);
        key = organization.adminKey();
        serviceId = organization.serviceId();
        ingestKey = organization.ingestKey();
    }

    private static void startUnchecked(OwnServer server) {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(server.name + " did not start", e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        A.kill();
        B.kill();
    }

    @Test
    @Order(1)
    void the_two_nodes_form_one_cluster() throws Exception {
        OwnServer.await(Duration.ofSeconds(60), () -> A.clusterView().contains("(2)") && B.clusterView().contains("(2)"));
        for (OwnServer node : List.of(A, B)) {
            String view = node.clusterView();
            assertTrue(view.contains("node-a") && view.contains("node-b"), node.name + " sees " + view);
        }
        // Both nodes answer for the same organisation, whichever made it.
        as(key).get(B.api() + "/services/" + serviceId).then().statusCode(200);
    }

    /** Started together on an empty database, the nodes migrated it once: one waited on the other's lock, then found nothing to do. */
    @Test
    @Order(1)
    void the_schema_was_migrated_once_though_both_nodes_started_together() throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection c = OwnPostgres.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version, type, success from flyway_schema_history where type = 'SQL' order by installed_rank")) {
            while (rs.next()) {
                applied.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        }
        // Every migration of the build, each applied once, in order.
        List<String> expected = new ArrayList<>();
        List<String> scripts = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "aia-domain", "src", "main", "resources", "db",
                "migration", "postgresql", "migrations.list")).stream().filter(l -> l.startsWith("V")).toList();
        for (int version = 1; version <= scripts.size(); version++) {
            expected.add(version + " SQL true");
        }
        assertEquals(expected, applied);
    }

    @Test
    @Order(2)
    void a_rate_limit_is_counted_once_for_the_whole_cluster() throws Exception {
        String limited = as(key).body(Map.of("name", "limited", "scope", "VIEWER", "rateLimitPerMinute", 30)).post(A.api() + "/api-keys")
                .then().statusCode(201).extract().path("token");
        // The limit is per minute window: begin early in a window so that all 40 requests fall in one.
        while (Instant.now().getEpochSecond() % 60 > 40) {
            Thread.sleep(500);
        }
        int allowed = 0;
        int refusedByB = 0;
        for (int i = 0; i < 40; i++) {
            OwnServer node = i % 2 == 0 ? A : B;
            int status = as(limited).get(node.api() + "/services").then().extract().statusCode();
            if (status == 200) {
                allowed++;
            } else {
                assertEquals(429, status);
                refusedByB += node == B ? 1 : 0;
            }
        }
        // Per node, each would have let 20 of its 20 through; for the cluster, 30 of 40 pass.
        assertEquals(30, allowed);
        assertTrue(refusedByB > 0);
    }

    /** An OTLP JSON export of one cumulative http.server.request.duration point of the checkout service. */
    private static String cumulativePoint(long startNanos, long timeNanos, long fast, long slow) {
        return """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}},
                  {"key":"service.instance.id","value":{"stringValue":"pod-1"}}]},
                 "scopeMetrics":[{"metrics":[{"name":"http.server.request.duration","unit":"s","histogram":{
                   "aggregationTemporality":2,"dataPoints":[{"startTimeUnixNano":"%d","timeUnixNano":"%d","count":"%d",
                   "explicitBounds":[0.1,0.5],"bucketCounts":["%d","%d","0"],
                   "attributes":[{"key":"http.response.status_code","value":{"intValue":"200"}}]}]}}]}]}]}
                """.formatted(startNanos, timeNanos, fast + slow, fast, slow);
    }

    @Test
    @Order(3)
    void a_cumulative_otlp_series_continues_on_the_other_node_and_counts_each_request_once() {
        Instant from = Instant.now().minus(Duration.ofHours(2));
        Instant to = Instant.now().plusSeconds(60);
        long before = requests(A, from, to);
        long start = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() * 1_000_000L;
        long first = Instant.now().minus(Duration.ofMinutes(2)).toEpochMilli() * 1_000_000L;
        long second = Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli() * 1_000_000L;
        as(ingestKey).contentType("application/json").body(cumulativePoint(start, first, 4, 1)).post(A.api() + "/otlp/v1/metrics")
                .then().statusCode(200);
        as(ingestKey).contentType("application/json").body(cumulativePoint(start, second, 9, 3)).post(B.api() + "/otlp/v1/metrics")
                .then().statusCode(200);
        // the collector retries the second export on node A: already counted
        as(ingestKey).contentType("application/json").body(cumulativePoint(start, second, 9, 3)).post(A.api() + "/otlp/v1/metrics")
                .then().statusCode(200);
        assertEquals(before + 12, requests(B, from, to));
        assertEquals(before + 12, requests(A, from, to));
    }

    @Test
    @Order(3)
    void an_answer_cached_on_one_node_is_not_stale_after_an_ingest_on_the_other() {
        Instant from = Instant.now().minus(Duration.ofHours(2));
        Instant to = Instant.now().plusSeconds(60);
        ingest(A, "cache-1", Instant.now().minus(Duration.ofMinutes(90)), 40);
        assertEquals(40, requests(B, from, to));
        assertEquals(40, requests(B, from, to)); // now cached on the cluster
        ingest(A, "cache-2", Instant.now().minus(Duration.ofMinutes(80)), 25);
        assertEquals(65, requests(B, from, to));
        assertEquals(65, requests(A, from, to));
    }

    @Test
    @Order(4)
    void a_notification_is_delivered_once_though_every_node_dispatches() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String channelId = as(key).body(Map.of("name", "hook", "type", "WEBHOOK", "target", receiver.url()))
                    .post(A.api() + "/notification-channels").then().statusCode(201).extract().path("id");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sent.add(as(key).post((i % 2 == 0 ? A : B).api() + "/notification-channels/" + channelId + "/tests").then().statusCode(202)
                        .extract().path("id"));
            }
            OwnServer.await(Duration.ofSeconds(60), () -> receiver.accepted().size() >= sent.size());
            // Each notification is DELIVERED after one attempt: a second delivery would have needed a second attempt.
            OwnServer.await(Duration.ofSeconds(60), () -> {
                List<Map<String, Object>> items = as(key).queryParam("channelId", channelId).queryParam("limit", 200)
                        .get(A.api() + "/notifications").then().extract().path("items");
                return items.size() == sent.size() && items.stream().allMatch(n -> "DELIVERED".equals(n.get("state"))
                        && ((Number) n.get("attempts")).intValue() == 1);
            });
            Map<String, Long> perNotification = receiver.accepted().stream()
                    .collect(Collectors.groupingBy(r -> r.header("Idempotency-Key"), Collectors.counting()));
            assertEquals(java.util.Set.copyOf(sent), perNotification.keySet());
            assertTrue(perNotification.values().stream().allMatch(n -> n == 1), "delivered more than once: " + perNotification);
        }
    }

    @Test
    @Order(5)
    void a_node_killed_during_ingest_loses_no_acknowledged_observation_keeps_sessions_and_rejoins() throws Exception {
        String session = RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", "ops@cluster.example", "password", PASSWORD))
                .post(A.api() + "/sessions").then().statusCode(201).extract().cookie("JSESSIONID");
        Instant from = Instant.now().minus(Duration.ofHours(2));
        Instant to = Instant.now().plusSeconds(60);
        long before = requests(B, from, to);
        // The schedule has fired at least once before the outage (the tests before this one may take less than its
        // 15 s), so the firings the next test reads cover before, during and after it.
        OwnServer.await(Duration.ofSeconds(60), () -> firingsAfter(Instant.EPOCH) > 0);

        // Two clients, one per node, 30 batches of 50 each; a client whose node fails sends the same batch (same
        // Idempotency-Key) to the other node, as a client behind a load balancer would be retried.
        AtomicLong acknowledged = new AtomicLong();
        AtomicInteger failuresOnB = new AtomicInteger();
        AtomicInteger failedOver = new AtomicInteger();
        CompletableFuture<Void> clientA = CompletableFuture.runAsync(() -> sendBatches(A, "a", acknowledged, failedOver, null));
        CompletableFuture<Void> clientB = CompletableFuture.runAsync(() -> sendBatches(B, "b", acknowledged, failedOver, failuresOnB));
        OwnServer.await(Duration.ofSeconds(60), () -> acknowledged.get() >= 15 * 50);
        A.kill();
        killedAt = Instant.now();
        CompletableFuture.allOf(clientA, clientB).get(180, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(60 * 50, acknowledged.get(), "every batch was acknowledged by one node or the other");
        assertEquals(0, failuresOnB.get(), "the surviving node kept serving");
        assertTrue(failedOver.get() > 0, "the kill happened while the client of the killed node was sending");
        assertEquals(before + 60 * 50, requests(B, from, to), "every acknowledged observation is there, once");
        // The browser session made on the killed node goes on on the other.
        RestAssured.given().cookie("JSESSIONID", session).get(B.api() + "/sessions/current").then().statusCode(200);

        // node-a stays down for two of the schedule's slots (every 15 s) before it comes back.
        OwnServer.await(Duration.ofSeconds(60), () -> firingsAfter(killedAt) >= 2);
        restartedAt = Instant.now();
        A.start();
        rejoinedAt = Instant.now();
        OwnServer.await(Duration.ofSeconds(60), () -> A.clusterView().contains("(2)") && B.clusterView().contains("(2)"));
        assertEquals(before + 60 * 50, requests(A, from, to));
        RestAssured.given().cookie("JSESSIONID", session).get(A.api() + "/sessions/current").then().statusCode(200);
    }

    @Test
    @Order(6)
    void every_schedule_firing_ran_once_and_the_schedule_went_on_while_a_node_was_down() throws Exception {
        // A firing after the rejoin too, so the firings cover before, during and after the outage.
        OwnServer.await(Duration.ofSeconds(45), () -> firingsAfter(rejoinedAt) > 0);
        // Each firing's job execution is written as it starts: wait until the last firing's is there.
        OwnServer.await(Duration.ofSeconds(30), () -> {
            try (Connection c = OwnPostgres.connect(DATABASE);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select (select count(*) from job_schedule_firing where job = 'backup-retention'), "
                         + "(select count(*) from job_execution e join job_instance i on i.jobinstanceid = e.jobinstanceid "
                         + "where i.jobname = 'backup-retention')")) {
                rs.next();
                return rs.getLong(1) == rs.getLong(2);
            }
        });
        List<Instant> slots = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        List<Instant> firedAt = new ArrayList<>();
        long executions;
        long unfinished;
        try (Connection c = OwnPostgres.connect(DATABASE);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select next_timeout, node, fired_at from job_schedule_firing where job = 'backup-retention' order by next_timeout")) {
                while (rs.next()) {
                    slots.add(rs.getTimestamp(1).toInstant());
                    nodes.add(rs.getString(2));
                    firedAt.add(rs.getTimestamp(3).toInstant());
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*), count(*) filter (where e.batchstatus not in ('COMPLETED')) from job_execution e "
                    + "join job_instance i on i.jobinstanceid = e.jobinstanceid where i.jobname = 'backup-retention'")) {
                rs.next();
                executions = rs.getLong(1);
                unfinished = rs.getLong(2);
            }
        }
        assertTrue(slots.size() >= 4, "firings: " + slots);
        assertEquals(slots.size(), executions, "one job execution per firing, whichever node's timer fired");
        assertTrue(unfinished <= 1, "executions not COMPLETED (one may still be running): " + unfinished);
        for (int i = 1; i < slots.size(); i++) {
            assertEquals(Duration.ofSeconds(15), Duration.between(slots.get(i - 1), slots.get(i)), "no slot missed or doubled: " + slots);
        }
        assertTrue(firedAt.get(0).isBefore(killedAt), "a firing before node-a was killed: " + firedAt + ", killed at " + killedAt);
        List<String> duringOutage = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (firedAt.get(i).isAfter(killedAt) && firedAt.get(i).isBefore(restartedAt)) {
                duringOutage.add(nodes.get(i));
            }
        }
        assertTrue(duringOutage.size() >= 2, "firings while node-a was down: " + duringOutage);
        assertTrue(duringOutage.stream().allMatch("node-b"::equals), "while node-a was down: " + duringOutage);
    }

    private static long firingsAfter(Instant instant) throws Exception {
        return OwnServer.count(DATABASE, "select count(*) from job_schedule_firing where job = 'backup-retention' and fired_at > ?", instant);
    }

    private static void sendBatches(OwnServer node, String client, AtomicLong acknowledged, AtomicInteger failedOver, AtomicInteger failures) {
        Instant start = Instant.now().minus(Duration.ofMinutes(100));
        for (int batch = 0; batch < 30; batch++) {
            List<Map<String, Object>> observations = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                observations.add(Map.of("service", "checkout", "timestamp", start.plusMillis(batch * 1000L + i * 10L + (client.equals("a") ? 0 : 500_000))
                        .toString(), "status", 200, "latencyMs", 30));
            }
            String idempotencyKey = "kill-" + client + "-" + batch;
            OwnServer target = node;
            while (true) {
                try {
                    int status = as(ingestKey).header("Idempotency-Key", idempotencyKey).body(Map.of("observations", observations))
                            .post(target.api() + "/telemetry/observations").then().extract().statusCode();
                    if (status == 200) {
                        acknowledged.addAndGet(50);
                        break;
                    }
                    throw new IllegalStateException("HTTP " + status);
                } catch (Exception e) { // refused, reset or a 5xx: not acknowledged (RestAssured throws IOExceptions unchecked)
                    if (failures != null) {
                        failures.incrementAndGet();
                        return;
                    }
                    failedOver.incrementAndGet();
                    target = B;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void ingest(OwnServer node, String idempotencyKey, Instant start, int count) {
        List<Map<String, Object>> observations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            observations.add(Map.of("service", "checkout", "timestamp", start.plusSeconds(i).toString(), "status", 200, "latencyMs", 25));
        }
        as(ingestKey).header("Idempotency-Key", idempotencyKey).body(Map.of("observations", observations)).post(node.api() + "/telemetry/observations")
                .then().statusCode(200);
    }

    private static long requests(OwnServer node, Instant from, Instant to) {
        return ((Number) as(key).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get(node.api() + "/services/" + serviceId + "/telemetry").then().statusCode(200).extract().path("requests")).longValue();
    }
}
