package com.aiaops.crash;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup killed mid-run with kill -9: at the next start the execution is marked FAILED (exit status CRASHED) and
 * restarted from its last checkpoint, and the backup it finishes holds the same content, table for table, as an uninterrupted one.
 */
class BackupCrashIT {
    private static final OwnServer SERVER = new OwnServer("crash-server", 200, OwnServer.onPostgres("aia_crash"));
    static final String API = SERVER.api();
    private static String key;

    @BeforeAll
    static void freshServer() throws Exception {
        // PostgreSQL, as in production: an H2 file is not meant to survive its process being killed.
        OwnServer.recreateDatabase("aia_crash");
        SERVER.fresh().start();
        OwnServer.Organization operators = SERVER.signUp("platform-ops", "ops@crash.example", "a long operator passphrase");
        key = operators.adminKey();
        // Three days of minutes: thousands of roll-up rows, so the backup has many checkpoints.
        List<Map<String, Object>> observations = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(3));
        for (int i = 0; i < 9000; i++) {
            observations.add(Map.of("service", "checkout", "timestamp", start.plusSeconds(i * 28L).toString(), "status", i % 50 == 0 ? 503 : 200,
                    "latencyMs", 20 + i % 300));
        }
        OwnServer.as(operators.ingestKey()).body(Map.of("observations", observations)).post(API + "/telemetry/observations").then().statusCode(200);
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.kill();
    }

    static RequestSpecification as() {
        return OwnServer.as(key);
    }

    /** This server runs as in production, without -Daia.clock.adjustable: the test clock does not exist, whatever is sent. */
    @Test
    void a_server_without_the_adjustable_clock_has_no_test_clock() {
        for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH")) {
            io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body("{\"offset\":\"not a duration\"}")
                    .request(method, API + "/test-clock").then().statusCode(404).contentType("application/problem+json");
        }
        io.restassured.RestAssured.given().get(API + "/test-clock/anything").then().statusCode(404);
    }

    @Test
    void a_backup_killed_mid_run_is_failed_restarted_from_its_checkpoint_and_ends_as_an_uninterrupted_one() throws Exception {
        long first = as().queryParam("chunkSize", 50).queryParam("pauseMillis", 150).post(API + "/backups").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        Path backupDir = SERVER.backups().resolve("backup-" + instanceOf(first));
        // Kill the server well into the largest table: many chunks committed, the backup not finished.
        Path rollups = backupDir.resolve("telemetry_rollup.csv.gz");
        OwnServer.await(Duration.ofSeconds(90), () -> as().get(API + "/backups/jobs/" + first).then().extract().jsonPath().getLong("itemsRead") >= 1500);
        assertTrue(Files.size(rollups) > 0);
        assertEquals("STARTED", as().get(API + "/backups/jobs/" + first).then().extract().path("batchStatus"));
        SERVER.kill();

        SERVER.start();
        OwnServer.await(Duration.ofSeconds(180), () -> "COMPLETED".equals(as().get(API + "/backups").then().extract().path("items[0].status")));
        as().get(API + "/backups/jobs/" + first).then().statusCode(200);
        JsonPath crashed = as().get(API + "/backups/jobs/" + first).then().extract().jsonPath();
        assertEquals("FAILED", crashed.getString("batchStatus"));
        assertEquals("CRASHED", crashed.getString("exitStatus"));
        String recovered = as().get(API + "/backups").then().extract().path("items[0].name");
        long restartedAs = crashed.getLong("restartedAs");
        long readBeforeCrash = crashed.getLong("itemsRead");
        long readAfterRestart = as().get(API + "/backups/jobs/" + restartedAs).then().extract().jsonPath().getLong("itemsRead");
        assertEquals("backup-" + instanceOf(first), recovered);

        long uninterrupted = as().queryParam("chunkSize", 50).post(API + "/backups").then().statusCode(202).extract().jsonPath().getLong("executionId");
        OwnServer.await(Duration.ofSeconds(120), () -> "COMPLETED".equals(as().get(API + "/backups/jobs/" + uninterrupted).then().extract().path("batchStatus")));
        String again = as().get(API + "/backups").then().extract().path("items[0].name");
        long readUninterrupted = as().get(API + "/backups/jobs/" + uninterrupted).then().extract().jsonPath().getLong("itemsRead");
        // The restart went on from its checkpoint: it read only what was left, not everything again.
        assertTrue(readAfterRestart < readUninterrupted, readAfterRestart + " rows read after the restart, " + readUninterrupted + " in all");

        Map<String, Map<String, Object>> a = tables(recovered);
        Map<String, Map<String, Object>> b = tables(again);
        // Nothing skipped: the two runs read every row the uninterrupted one did, but for the audit events the backups
        // themselves added in between (the first one's end, the second one's request).
        long auditGrowth = ((Number) b.get("audit_event").get("rows")).longValue() - ((Number) a.get("audit_event").get("rows")).longValue();
        assertTrue(readBeforeCrash + readAfterRestart >= readUninterrupted - auditGrowth,
                "nothing skipped: " + readBeforeCrash + " + " + readAfterRestart + " of " + readUninterrupted + " (" + auditGrowth + " new audit events)");
        assertEquals(a.keySet(), b.keySet());
        // The audit trail records the backups themselves (requested, finished), so it grew between the two.
        java.util.Set<String> moved = java.util.Set.of("api_key", "audit_event", "audit_chain_head");
        for (String table : a.keySet()) {
            if (table.equals("api_key")) { // the keys' last-use times moved on between the two backups; same rows
                assertEquals(a.get(table).get("rows"), b.get(table).get("rows"), table + " rows");
            }
            if (!moved.contains(table)) {
                assertEquals(a.get(table).get("rows"), b.get(table).get("rows"), table + " rows");
                // The same rows, byte for byte once unpacked. (The gzip files themselves may differ: checkpoints fall
                // every 50 rows across tables, so the audit events added in between move the later chunk boundaries.)
                assertEquals(a.get(table).get("contentSha256"), b.get(table).get("contentSha256"), table + " content");
            }
        }
        assertTrue(((Number) b.get("audit_event").get("rows")).intValue() > ((Number) a.get("audit_event").get("rows")).intValue(),
                "the second backup's request and the first one's end are in the trail");
        assertTrue(((Number) a.get("telemetry_rollup").get("rows")).intValue() > 1000);
    }

    private static Map<String, Map<String, Object>> tables(String backup) {
        List<Map<String, Object>> tables = as().get(API + "/backups/" + backup).then().statusCode(200).extract().jsonPath().getList("tables");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        tables.forEach(t -> byName.put((String) t.get("table"), t));
        return byName;
    }

    /** The job instance of an execution: read from the backup catalog's naming (backup-<instance>) via the job repository. */
    private static long instanceOf(long execution) throws Exception {
        // The backup being written is the newest in the catalog.
        final long[] instance = {-1};
        OwnServer.await(Duration.ofSeconds(30), () -> {
            List<String> names = as().get(API + "/backups").then().extract().path("items.name");
            if (names == null || names.isEmpty()) {
                return false;
            }
            instance[0] = Long.parseLong(names.get(0).substring("backup-".length()));
            return true;
        });
        return instance[0];
    }
}
