package com.aiaops.crash;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static com.aiaops.crash.OwnServer.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore job: a backup written by an installation on H2 is copied to a new installation on an empty PostgreSQL
 * database and restored there through the management API (an empty installation has nobody to call its HTTP API).
 * The new installation is then the same platform: the same keys and passwords work, the same services, SLO numbers,
 * incidents and audit chain are there, and new rows do not collide with restored ones. A corrupt backup and a
 * second restore over data are refused without changing anything.
 */
class RestoreIT {
    private static final OwnServer SOURCE = new OwnServer("restore-source", 300);
    private static final OwnServer TARGET = new OwnServer("restore-target", 400, OwnServer.onPostgres("aia_restore"));
    private static final String PASSWORD = "a long operator passphrase";

    @AfterAll
    static void stop() throws IOException {
        SOURCE.kill();
        TARGET.kill();
    }

    @Test
    void a_backup_from_h2_restored_into_an_empty_postgresql_installation_is_the_same_platform() throws Exception {
        SOURCE.fresh().start();
        String source = SOURCE.api();
        OwnServer.Organization operators = SOURCE.signUp("platform-ops", "ops@restore.example", PASSWORD);
        String key = operators.adminKey();
        String serviceId = operators.serviceId();
        String sloId = as(key).body(Map.of("serviceId", serviceId, "name", "checkout-availability", "indicator", "AVAILABILITY", "targetPercent", 99.0,
                "window", "30d", "minimumEvents", 10)).post(source + "/slos").then().statusCode(201).extract().path("id");
        String ingest = operators.ingestKey();
        List<Map<String, Object>> observations = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofHours(6));
        for (int i = 0; i < 2000; i++) {
            observations.add(Map.of("service", "checkout", "timestamp", start.plusSeconds(i * 10L).toString(), "status", i % 40 == 0 ? 503 : 200,
                    "latencyMs", 20 + i % 200));
        }
        as(ingest).body(Map.of("observations", observations)).post(source + "/telemetry/observations").then().statusCode(200);
        String incidentId = as(key).body(Map.of("title", "Checkout errors", "severity", "P2", "serviceIds", List.of(serviceId), "summary", "5xx"))
                .post(source + "/incidents").then().statusCode(201).extract().path("id");
        as(key).body(Map.of("to", "ACKNOWLEDGED")).post(source + "/incidents/" + incidentId + "/transitions").then().statusCode(200);
        JsonPath sloBefore = as(key).get(source + "/slos/" + sloId + "/status").then().statusCode(200).extract().jsonPath();
        int timelineBefore = as(key).get(source + "/incidents/" + incidentId + "/timeline").then().statusCode(200).extract().path("items.size()");
        int eventsBefore = as(key).get(source + "/audit-events/verification").then().statusCode(200).extract().path("eventsChecked");

        as(key).post(source + "/backups").then().statusCode(202);
        OwnServer.await(Duration.ofSeconds(120), () -> "COMPLETED".equals(as(key).get(source + "/backups").then().extract().path("items[0].status")));
        String backup = as(key).get(source + "/backups").then().extract().path("items[0].name");
        SOURCE.kill();

        // A new installation: an empty PostgreSQL database, the backup's directory copied into its backup root.
        OwnServer.recreateDatabase("aia_restore");
        TARGET.fresh();
        OwnServer.copyDirectory(SOURCE.backups().resolve(backup), TARGET.backups().resolve(backup));
        OwnServer.copyDirectory(SOURCE.backups().resolve(backup), TARGET.backups().resolve(backup + "-corrupt"));
        Path altered = TARGET.backups().resolve(backup + "-corrupt").resolve("service.csv.gz");
        byte[] bytes = Files.readAllBytes(altered);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(altered, bytes);
        TARGET.start();
        String target = TARGET.api();
        as(key).get(target + "/services").then().statusCode(401);

        assertEquals(List.of("FAILED", "CORRUPT_BACKUP"), TARGET.runRestore(backup + "-corrupt"));
        assertEquals(List.of("FAILED", "NO_BACKUP"), TARGET.runRestore("backup-that-is-not-there"));
        as(key).get(target + "/services").then().statusCode(401);

        assertEquals(List.of("COMPLETED", "RESTORED"), TARGET.runRestore(backup));

        // The same keys, passwords and data.
        as(key).get(target + "/services").then().statusCode(200);
        assertEquals(List.of("checkout"), as(key).get(target + "/services").then().extract().path("items.slug"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", "ops@restore.example", "password", PASSWORD))
                .post(target + "/sessions").then().statusCode(201);
        JsonPath sloAfter = as(key).get(target + "/slos/" + sloId + "/status").then().statusCode(200).extract().jsonPath();
        assertEquals(sloBefore.getLong("totalEvents"), sloAfter.getLong("totalEvents"));
        assertEquals(sloBefore.getLong("goodEvents"), sloAfter.getLong("goodEvents"));
        assertEquals(2000, sloAfter.getLong("totalEvents"));
        assertEquals(timelineBefore, (int) as(key).get(target + "/incidents/" + incidentId + "/timeline").then().extract().path("items.size()"));
        assertEquals("ACKNOWLEDGED", as(key).get(target + "/incidents/" + incidentId).then().extract().path("state"));
        assertTrue((Boolean) as(key).get(target + "/audit-events/verification").then().extract().path("intact"));

        // New rows take ids after the restored ones (timeline entries and audit events come from sequences).
        as(key).body(Map.of("to", "RESOLVED")).post(target + "/incidents/" + incidentId + "/transitions").then().statusCode(200);
        as(key).body(Map.of("title", "After the restore", "severity", "P3", "serviceIds", List.of(serviceId), "summary", "new"))
                .post(target + "/incidents").then().statusCode(201);
        assertTrue((int) as(key).get(target + "/incidents/" + incidentId + "/timeline").then().extract().path("items.size()") > timelineBefore);
        JsonPath chain = as(key).get(target + "/audit-events/verification").then().statusCode(200).extract().jsonPath();
        assertTrue(chain.getBoolean("intact"));
        assertTrue(chain.getInt("eventsChecked") > eventsBefore);

        // The restore is recorded, and the backup is in this installation's catalog.
        JsonPath drills = as(key).get(target + "/backups/drills").then().statusCode(200).extract().jsonPath();
        assertEquals("RESTORE", drills.getString("items.find { it.verified }.kind"));
        assertEquals(backup, drills.getString("items.find { it.verified }.backupName"));
        assertTrue(drills.getLong("items.find { it.verified }.rows") > 2);
        assertTrue(as(key).get(target + "/backups").then().extract().<List<String>>path("items.name").contains(backup));
        // The restore is in the operators' audit trail, with how it ended (it was started with jboss-cli: no person named).
        List<String> actions = new java.util.ArrayList<>();
        List<String> outcomes = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = as(key).queryParam("limit", 200).queryParam("cursor", cursor == null ? "" : cursor)
                    .get(target + "/audit-events").then().statusCode(200).extract().jsonPath();
            actions.addAll(page.getList("items.action"));
            outcomes.addAll(page.getList("items.findAll { it.action == 'restore.finished' }.after"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertTrue(actions.contains("restore.finished"), "the restore is audited");
        assertTrue(outcomes.stream().anyMatch(o -> o.contains("RESTORED") && o.contains("schedule or management")), outcomes.toString());

        // Over data, a restore is refused and changes nothing.
        assertEquals(List.of("FAILED", "NOT_EMPTY"), TARGET.runRestore(backup));
        assertEquals(2, (int) as(key).get(target + "/incidents").then().extract().path("items.size()"));
    }
}
