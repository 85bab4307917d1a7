package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch jobs: a backup started through the WildFly management API (as an admin would from jboss-cli), its manifest
 * and archive, a restore drill proving it, retention, and reports for an organisation.
 */
class BatchIT extends ApiIT {
    static final int MANAGEMENT_PORT = Integer.getInteger("aia.it.management-port", 10090);
    private static String operatorKey;

    @BeforeAll
    static void operators() {
        configureClient();
        operatorKey = operatorKey();
    }

    /** Runs an operation on the batch-jberet resource of our EAR's batch module, as jboss-cli would. */
    private static ModelNode management(String operation, java.util.function.Consumer<ModelNode> parameters, String... path) throws Exception {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("127.0.0.1", MANAGEMENT_PORT)) {
            ModelNode op = new ModelNode();
            op.get("operation").set(operation);
            ModelNode address = op.get("address");
            address.add("deployment", "aia-ops.ear");
            address.add("subdeployment", "aia-batch.jar");
            address.add("subsystem", "batch-jberet");
            for (int i = 0; i < path.length; i += 2) {
                address.add(path[i], path[i + 1]);
            }
            parameters.accept(op);
            ModelNode result = client.execute(op);
            assertEquals("success", result.get("outcome").asString(), result.toString());
            return result.get("result");
        }
    }

    private static long startJob(String job, Map<String, String> properties) throws Exception {
        return management("start-job", op -> {
            op.get("job-xml-name").set(job);
            properties.forEach((k, v) -> op.get("properties").get(k).set(v));
        }).asLong();
    }

    private static void awaitCompleted(String job, long execution) {
        eventually(Duration.ofSeconds(90), () -> {
            try {
                String status = management("read-attribute", op -> op.get("name").set("batch-status"), "job", job,
                        "execution", Long.toString(execution)).asString();
                assertEquals("COMPLETED", status, job + " execution " + execution);
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void a_backup_started_from_the_management_api_is_listed_downloadable_and_proven_by_a_restore_drill() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        as(issueKey(tenant, "INGEST")).body(batch(spread("checkout", Instant.now().minusSeconds(120), 2, 500, 5, 40)))
                .post("/telemetry/observations").then().statusCode(200);

        long execution = startJob("full-backup", Map.of("chunkSize", "100"));
        awaitCompleted("full-backup", execution);

        var backups = as(operatorKey).get("/backups").then().statusCode(200).extract().jsonPath();
        String name = backups.getString("items.find { it.status == 'COMPLETED' }.name");
        var manifest = as(operatorKey).get("/backups/" + name).then().statusCode(200)
                .body("formatVersion", equalTo(1)).body("tables.table", hasItem("service")).body("tables.table", hasItem("telemetry_rollup"))
                .body("tables.table", not(hasItem("job_execution")))
                // PostgreSQL: a partitioned table is backed up through its parent, never its partitions one by one
                .body("tables.table", hasItem("cost_line")).body("tables.table", everyItem(not(endsWith("_default")))).body("tables.find { it.table == 'telemetry_rollup' }.rows", greaterThan(0))
                .extract().jsonPath();

        // The archive holds every table file and the manifest; each file is what the manifest says.
        byte[] zip = as(operatorKey).get("/backups/" + name + "/archive").then().statusCode(200).contentType("application/zip")
                .extract().asByteArray();
        Map<String, String> digests = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                in.transferTo(content);
                digests.put(entry.getName().substring(entry.getName().indexOf('/') + 1),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.toByteArray())));
            }
        }
        assertTrue(digests.containsKey("manifest.json"));
        List<Map<String, Object>> tables = manifest.getList("tables");
        for (Map<String, Object> table : tables) {
            assertEquals(table.get("sha256"), digests.get((String) table.get("file")), "file of " + table.get("table"));
        }

        // Only the platform operators see backups; to a tenant's ADMIN they do not exist.
        as(tenant.adminKey()).get("/backups").then().statusCode(404);
        as(tenant.adminKey()).get("/backups/" + name + "/archive").then().statusCode(404);

        long drill = as(operatorKey).queryParam("backup", name).post("/backups/drills").then().statusCode(202).extract().jsonPath()
                .getLong("executionId");
        eventually(Duration.ofSeconds(90), () -> as(operatorKey).get("/backups/jobs/" + drill).then().body("batchStatus", equalTo("COMPLETED")));
        as(operatorKey).get("/backups/drills").then()
                .body("items[0].backupName", equalTo(name)).body("items[0].verified", equalTo(true))
                .body("items[0].tables", equalTo(tables.size())).body("items[0].rpoSeconds", greaterThanOrEqualTo(0))
                .body("items[0].problems", equalTo(null));

        // An incremental backup keeps only what changed since; its drill restores the rest from the base's files.
        long incremental = as(operatorKey).queryParam("kind", "incremental").post("/backups").then().statusCode(202).extract().jsonPath()
                .getLong("executionId");
        eventually(Duration.ofSeconds(90), () -> as(operatorKey).get("/backups/jobs/" + incremental).then().body("batchStatus", equalTo("COMPLETED")));
        String incrementalName = as(operatorKey).get("/backups").then().extract().path("items[0].name");
        as(operatorKey).get("/backups/" + incrementalName).then().body("kind", equalTo("INCREMENTAL")).body("baseBackup", equalTo(name))
                .body("tables.find { it.table == 'service' }.storedIn", equalTo(name));
        long drillOfIncremental = as(operatorKey).queryParam("backup", incrementalName).post("/backups/drills").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        eventually(Duration.ofSeconds(90), () -> as(operatorKey).get("/backups/jobs/" + drillOfIncremental).then()
                .body("batchStatus", equalTo("COMPLETED")));
        as(operatorKey).get("/backups/drills").then().body("items[0].backupName", equalTo(incrementalName)).body("items[0].verified", equalTo(true));

        long retention = startJob("backup-retention", Map.of("days", "30"));
        awaitCompleted("backup-retention", retention);
        as(operatorKey).get("/backups").then().body("items.name", hasItem(name));
    }

    @Test
    void an_sla_report_is_written_for_the_organisation_as_csv_and_html() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout"); // PRO: 99.95 %
        as(issueKey(tenant, "INGEST")).body(batch(spread("checkout", Instant.now().minusSeconds(120), 2, 1000, 10, 40)))
                .post("/telemetry/observations").then().statusCode(200);
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        long execution = as(tenant.adminKey()).body(Map.of("kind", "SLA_MONTHLY", "period", month)).post("/reports").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        eventually(Duration.ofSeconds(60), () -> as(tenant.adminKey()).get("/reports/jobs/" + execution).then()
                .body("batchStatus", equalTo("COMPLETED")));
        var report = as(tenant.adminKey()).get("/reports").then().body("items", hasSize(1))
                .body("items[0].kind", equalTo("SLA_MONTHLY")).body("items[0].period", equalTo(month)).extract().jsonPath();
        String csv = as(tenant.adminKey()).get(report.getString("items[0].csv").replace("/api/v1", "")).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("service,name,tier,sla_percent,uptime_percent,requests,failed_requests,sla,credit_percent"), csv);
        assertTrue(csv.contains("checkout,Service checkout,PRO,99.95,99.0000,1000,10,missed,25"), csv);
        as(tenant.adminKey()).get(report.getString("items[0].html").replace("/api/v1", "")).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<td>missed</td>"));

        Tenant other = newTenant();
        as(other.adminKey()).get(report.getString("items[0].csv").replace("/api/v1", "")).then().statusCode(404);
        as(other.adminKey()).get("/reports").then().body("items", hasSize(0));
        as(tenant.adminKey()).body(Map.of("kind", "SLA_MONTHLY", "period", "2026-13-99")).post("/reports").then().statusCode(400);
    }

    /**
     * A backup written by an H2 server (organisation, services, roll-ups: test resource backup-from-h2.zip) taken in
     * and restored by a drill: on the H2 suite H2 to H2, on the PostgreSQL suite H2 to PostgreSQL, with the same
     * content checksums.
     */
    @Test
    void a_backup_written_on_h2_is_taken_in_and_restores_verified_here() throws Exception {
        byte[] archive;
        try (var in = BatchIT.class.getResourceAsStream("/backup-from-h2.zip")) {
            archive = in.readAllBytes();
        }
        String imported = RestAssured.given().header("Authorization", "Bearer " + operatorKey).contentType("application/zip").body(archive)
                .post("/backups/imports").then().statusCode(201).body("status", equalTo("COMPLETED")).extract().path("name");
        long rows = as(operatorKey).get("/backups/" + imported).then().extract().jsonPath().getLong("tables.rows.sum()");
        long drill = as(operatorKey).queryParam("backup", imported).post("/backups/drills").then().statusCode(202).extract().jsonPath()
                .getLong("executionId");
        eventually(Duration.ofSeconds(90), () -> as(operatorKey).get("/backups/jobs/" + drill).then().body("batchStatus", equalTo("COMPLETED")));
        as(operatorKey).get("/backups/drills").then().body("items[0].backupName", equalTo(imported))
                .body("items[0].verified", equalTo(true)).body("items[0].rows", equalTo((int) rows));

        // A damaged archive is refused whole.
        byte[] damaged = archive.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        RestAssured.given().header("Authorization", "Bearer " + operatorKey).contentType("application/zip").body(damaged)
                .post("/backups/imports").then().statusCode(400);
        Tenant tenant = newTenant();
        RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).contentType("application/zip").body(archive)
                .post("/backups/imports").then().statusCode(404);
    }
}
