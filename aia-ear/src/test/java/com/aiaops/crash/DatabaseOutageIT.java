package com.aiaops.crash;

import com.aiaops.it.Receiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static com.aiaops.crash.OwnServer.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped and started again while telemetry comes in: readiness goes DOWN and comes back UP by itself,
 * every acknowledged observation is there afterwards (the client resends what was not acknowledged, with its
 * Idempotency-Key), notifications waiting in the outbox are delivered, and the schedule fires again with no job
 * execution left running. The PostgreSQL it stops and starts is the tests' own ({@link OwnPostgres}), never the machine's.
 */
class DatabaseOutageIT {
    private static final String DATABASE = "aia_outage";
    private static final OwnServer SERVER = new OwnServer("outage-server", 700, OwnServer.properties(new String[] {
            "-Daia.schedule.backup-retention=*/15 * * * * *", "-Daia.outbound.allowed-internal=127.0.0.1,::1", "-Daia.clock.adjustable=true"},
            OwnServer.onPostgres(DATABASE)));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() throws Exception {
        if (!OwnPostgres.accepting()) {
            OwnPostgres.start();
        }
        SERVER.kill();
    }

    @Test
    void readiness_goes_down_and_up_with_the_database_and_nothing_acknowledged_or_queued_is_lost() throws Exception {
        OwnServer.recreateDatabase(DATABASE);
        SERVER.fresh().start();
        String api = SERVER.api();
        OwnServer.Organization organization = SERVER.signUp("outage-org", "ops@outage.example", "a long outage passphrase");
        String key = organization.adminKey();
        String serviceId = organization.serviceId();
        String ingest = organization.ingestKey();

        try (Receiver receiver = new Receiver()) {
            // Notifications queued before the outage, their receiver refusing them for now.
            receiver.status.set(503);
            String channelId = as(key).body(Map.of("name", "hook", "type", "WEBHOOK", "target", receiver.url()))
                    .post(api + "/notification-channels").then().statusCode(201).extract().path("id");
            List<String> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queued.add(as(key).post(api + "/notification-channels/" + channelId + "/tests").then().statusCode(202).extract().path("id"));
            }

            // Load: batches of 50 observations, one after the other; a batch not acknowledged is sent again, same key.
            AtomicBoolean stopLoad = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            AtomicInteger refused = new AtomicInteger();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            Instant base = Instant.now().minus(Duration.ofMinutes(50));
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                for (int batch = 0; !stopLoad.get(); batch++) {
                    List<Map<String, Object>> observations = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        observations.add(Map.of("service", "checkout", "timestamp", base.plusMillis(batch * 500L + i * 10L).toString(), "status", 200,
                                "latencyMs", 30));
                    }
                    while (true) {
                        try {
                            int status = as(ingest).header("Idempotency-Key", "outage-" + batch).body(Map.of("observations", observations))
                                    .post(api + "/telemetry/observations").then().extract().statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                            if (status == 200) {
                                acknowledged.addAndGet(50);
                                break;
                            }
                        } catch (Exception e) { // the server itself stays up; a refused or reset connection is not an acknowledgement
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                        refused.incrementAndGet();
                        sleep(250);
                    }
                    sleep(50);
                }
            });
            OwnServer.await(Duration.ofSeconds(30), () -> acknowledged.get() >= 500);

            Instant stopped = Instant.now();
            try {
                OwnPostgres.stop();
                OwnServer.await(Duration.ofSeconds(60), () -> readiness().contains("\"DOWN\""));
                sleep(8000);
                long duringOutage = acknowledged.get();
                sleep(2000);
                assertEquals(duringOutage, acknowledged.get(), "nothing is acknowledged while the database is down");
            } finally {
                OwnPostgres.start();
            }
            Instant started = Instant.now();
            OwnServer.await(Duration.ofSeconds(90), () -> {
                String ready = readiness();
                return ready.contains("\"UP\"") && !ready.contains("\"DOWN\"");
            });
            long afterOutage = acknowledged.get();
            OwnServer.await(Duration.ofSeconds(60), () -> acknowledged.get() >= afterOutage + 500);
            stopLoad.set(true);
            load.get(60, TimeUnit.SECONDS);

            assertTrue(refused.get() > 0, "the load went on through the outage");
            assertTrue(statuses.keySet().stream().noneMatch(s -> s >= 500 && s != 503), "while the database was down: 503, never another 5xx: " + statuses);
            Instant from = base.minusSeconds(60);
            Instant to = Instant.now().plusSeconds(60);
            long stored = ((Number) as(key).queryParam("from", from.toString()).queryParam("to", to.toString()).get(api + "/services/" + serviceId + "/telemetry")
                    .then().statusCode(200).extract().path("requests")).longValue();
            assertEquals(acknowledged.get(), stored, "every acknowledged observation is stored, once");

            // The outbox: the queued notifications are delivered once their receiver is up (the clock moves their retries ahead).
            receiver.status.set(200);
            long[] minutes = {0};
            OwnServer.await(Duration.ofSeconds(90), () -> {
                as(key).body(Map.of("offset", "PT" + (++minutes[0]) + "M")).put(api + "/test-clock").then().statusCode(200);
                List<String> states = as(key).queryParam("channelId", channelId).get(api + "/notifications").then().extract().path("items.state");
                return states != null && states.size() == queued.size() && states.stream().allMatch("DELIVERED"::equals);
            });
            as(key).body(Map.of("offset", "PT0S")).put(api + "/test-clock").then().statusCode(200);

            // The schedule fired again after the outage, and no execution was left running.
            OwnServer.await(Duration.ofSeconds(45), () -> OwnServer.count(DATABASE, "select count(*) from job_schedule_firing where fired_at > ?", started) > 0);
            OwnServer.await(Duration.ofSeconds(30), () -> OwnServer.count(DATABASE, "select count(*) from job_execution where batchstatus in ('STARTING', 'STARTED') "
                    + "and createtime < ?", Instant.now().minusSeconds(10)) == 0);
            // (the firing may have come a moment ago: its execution is given time to finish)
            OwnServer.await(Duration.ofSeconds(30), () -> OwnServer.count(DATABASE,
                    "select count(*) from job_execution where batchstatus = 'COMPLETED' and createtime > ?", started) > 0);
            assertTrue(stopped.isBefore(started));
        }
    }

    private static String readiness() {
        try {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + SERVER.offset) + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return ready.body();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
