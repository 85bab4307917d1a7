package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values that are well-formed JSON but hostile (issue 13): each is refused with a problem naming the field and
 * changes nothing, or is stored so that every later read still answers.
 */
class HostileValuesIT extends ApiIT {

    private static long auditEvents(Tenant tenant) throws Exception {
        return Database.count("select count(*) from audit_event where organization_id = ?", UUID.fromString(tenant.organizationId()));
    }

    private static Map<String, Object> minute(String service, Instant minute, Object total, Object good) {
        Map<String, Object> m = new HashMap<>();
        m.put("service", service);
        m.put("minute", minute.toString());
        m.put("total", total);
        m.put("good", good);
        return m;
    }

    /** The reads of an organisation that a poisoned value used to break; each must answer 200. */
    private static void everyReadAnswers(Tenant tenant, String serviceId, String sloId) {
        as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry").then().statusCode(200);
        as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry/series?step=5m").then().statusCode(200);
        as(tenant.adminKey()).get("/slos/" + sloId + "/status").then().statusCode(200);
        as(tenant.adminKey()).get("/services/" + serviceId + "/error-budget-policy").then().statusCode(200);
        as(tenant.adminKey()).get("/scorecard").then().statusCode(200);
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200);
    }

    @Test
    void counts_that_would_overflow_are_refused_and_reads_stay_healthy() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "payments");
        String sloId = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "payments-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99.9, "window", "28d")).post("/slos").then().statusCode(201).extract().path("id");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        as(tenant.adminKey()).body(Map.of("minutes", List.of(minute("payments", minute, 100, 99)))).post("/telemetry/minutes")
                .then().statusCode(200);
        long before = auditEvents(tenant);

        // Long.MAX_VALUE requests in one minute: beyond what a minute may hold, named by field and index.
        as(tenant.adminKey()).body(Map.of("minutes", List.of(minute("payments", minute, Long.MAX_VALUE, Long.MAX_VALUE))))
                .post("/telemetry/minutes").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("minutes[0].total"));
        // The most a minute may hold, twice into the same minute: the second would overflow the bucket and is refused whole.
        long max = 10_000_000_000L;
        as(tenant.adminKey()).body(Map.of("minutes", List.of(minute("payments", minute, max - 100, max - 100))))
                .post("/telemetry/minutes").then().statusCode(200);
        as(tenant.adminKey()).body(Map.of("minutes", List.of(minute("payments", minute, 1, 1))))
                .post("/telemetry/minutes").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:bucket-full"));
        // Fractions, strings and exponents where counts belong are refused, never rounded, wrapped or parsed.
        for (Object hostile : List.of(1.5, "100", 1e30, -1)) {
            as(tenant.adminKey()).body(Map.of("minutes", List.of(minute("payments", minute, hostile, 0))))
                    .post("/telemetry/minutes").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors.field[0]", startsWith("minutes"));
        }
        as(tenant.adminKey()).get("/services/" + serviceId + "/telemetry?from=" + minute.minus(1, ChronoUnit.HOURS)).then().statusCode(200)
                .body("requests", equalTo(max)).body("goodRequests", equalTo(max - 1));
        everyReadAnswers(tenant, serviceId, sloId);
        assertEquals(before, auditEvents(tenant), "refused ingests leave no trace");
    }

    @Test
    void an_impossible_stored_row_is_named_and_repaired_without_breaking_the_organisation() throws Exception {
        Tenant tenant = newTenant();
        String broken = registerService(tenant.adminKey(), "broken");
        String healthy = registerService(tenant.adminKey(), "healthy");
        String sloId = as(tenant.adminKey()).body(Map.of("serviceId", broken, "name", "broken-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99.9, "window", "7d")).post("/slos").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("serviceId", healthy, "name", "healthy-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99.9, "window", "7d")).post("/slos").then().statusCode(201);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
        as(tenant.adminKey()).body(Map.of("minutes", List.of(minute("broken", minute, 50, 50), minute("healthy", minute, 40, 40))))
                .post("/telemetry/minutes").then().statusCode(200);
        as(tenant.adminKey()).body(Map.of("serviceId", broken, "name", "Broken")).post("/status-components").then().statusCode(201);

        // A row no ingest can write any more (as an older release could): negative total.
        int rows = Database.update("update telemetry_rollup set total = ?, good = ? where service_id = ?", -7L, 3L, UUID.fromString(broken));
        assertEquals(3, rows, "the minute, hour and day roll-ups");

        as(tenant.adminKey()).get("/services/" + broken + "/telemetry?from=" + minute.minus(2, ChronoUnit.HOURS)).then().statusCode(409)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:telemetry-inconsistent"))
                .body("detail", containsString(broken));
        as(tenant.adminKey()).get("/slos/" + sloId + "/status").then().statusCode(409).contentType(PROBLEM_JSON);
        // Everything else of the organisation still answers.
        as(tenant.adminKey()).get("/services/" + healthy + "/telemetry?from=" + minute.minus(2, ChronoUnit.HOURS)).then().statusCode(200)
                .body("requests", equalTo(40));
        as(tenant.adminKey()).get("/scorecard").then().statusCode(200)
                .body("items[0].pillars[0].detail", equalTo("40 of 40 requests good")); // the broken service left out
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200);
        as(tenant.adminKey()).get("/slos").then().statusCode(200);

        // The repair: whole UTC days only, ADMIN only, audited.
        Instant day = minute.truncatedTo(ChronoUnit.DAYS);
        String viewer = issueKey(tenant, "VIEWER");
        as(viewer).delete("/services/" + broken + "/telemetry?from=" + day + "&to=" + day.plus(1, ChronoUnit.DAYS)).then().statusCode(403);
        as(tenant.adminKey()).delete("/services/" + broken + "/telemetry?from=" + minute + "&to=" + day.plus(1, ChronoUnit.DAYS))
                .then().statusCode(400).body("errors.field", hasItem("from"));
        as(tenant.adminKey()).delete("/services/" + broken + "/telemetry?from=" + day + "&to=" + day.plus(1, ChronoUnit.DAYS))
                .then().statusCode(200).body("rows", equalTo(3));
        as(tenant.adminKey()).get("/audit-events?limit=200").then().statusCode(200).body("items.action", hasItem("telemetry.dropped"));
        everyReadAnswers(tenant, broken, sloId);
        as(tenant.adminKey()).get("/services/" + healthy + "/telemetry?from=" + minute.minus(2, ChronoUnit.HOURS)).then().body("requests", equalTo(40));
    }

    @Test
    void slo_definitions_refuse_coercion_and_unmeasurable_windows_and_a_future_calendar_is_no_data() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        long before = auditEvents(tenant);
        Map<String, Object> base = Map.of("serviceId", serviceId, "name", "search-latency", "indicator", "LATENCY",
                "latencyThresholdMs", 300, "targetPercent", 99.9, "window", "28d");
        Map<String, Object[]> hostile = new java.util.LinkedHashMap<>();
        hostile.put("minimumEvents", new Object[]{1e30});
        hostile.put("latencyThresholdMs", new Object[]{1.5});
        hostile.put("targetPercent", new Object[]{"99.9"});
        hostile.put("window", new Object[]{"10000w", "400w", "0d", "28 d"});
        hostile.put("calendarStart", new Object[]{"+99999-01-01T00:00:00", "2026-13-01T00:00:00"});
        for (Map.Entry<String, Object[]> field : hostile.entrySet()) {
            for (Object value : field.getValue()) {
                Map<String, Object> body = new HashMap<>(base);
                body.put(field.getKey(), value);
                if (field.getKey().equals("calendarStart")) {
                    body.put("rolling", false);
                    body.put("window", "1M");
                    body.put("timeZone", "Europe/Paris");
                }
                as(tenant.adminKey()).body(body).post("/slos").then().statusCode(400).contentType(PROBLEM_JSON)
                        .body("errors.field", hasItem(field.getKey()));
            }
        }
        Map<String, Object> slices = new HashMap<>(base);
        slices.putAll(Map.of("window", "1d", "budgetingMethod", "TIMESLICES", "timeSliceTarget", 0.95, "timeSliceWindow", "2d"));
        as(tenant.adminKey()).body(slices).post("/slos").then().statusCode(400).body("errors.field", hasItem("timeSliceWindow"));
        Map<String, Object> longBurn = new HashMap<>(base);
        longBurn.put("burnRateRules", List.of(Map.of("longWindow", "400d", "shortWindow", "1h", "factor", 1, "severity", "TICKET")));
        as(tenant.adminKey()).body(longBurn).post("/slos").then().statusCode(400).body("errors.field", hasItem("burnRateRules"));
        assertEquals(before, auditEvents(tenant), "nothing was defined");

        // A calendar SLO starting next year is valid: not in force yet, so NO_DATA, and nothing that reads it fails.
        Map<String, Object> future = new HashMap<>(base);
        future.putAll(Map.of("rolling", false, "window", "1M", "calendarStart", "2099-01-01T00:00:00", "timeZone", "Europe/Paris"));
        String sloId = as(tenant.adminKey()).body(future).post("/slos").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).get("/slos/" + sloId + "/status").then().statusCode(200).body("state", equalTo("NO_DATA"))
                .body("windowStart", equalTo("2098-12-31T23:00:00Z"));
        everyReadAnswers(tenant, serviceId, sloId);
    }

    @Test
    void budgets_and_cost_files_with_hostile_values_are_refused() throws Exception {
        Tenant tenant = newTenant();
        as(tenant.adminKey()).get("/cost/budgets").then().statusCode(200); // an ADMIN key's first use is audited: not counted below
        long before = auditEvents(tenant);
        for (Object amount : List.of(1e20, "100", -5, 0)) {
            as(tenant.adminKey()).body(Map.of("name", "org-budget", "scope", "ORGANIZATION", "monthlyAmount", amount, "currency", "EUR"))
                    .post("/cost/budgets").then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("monthlyAmount"));
        }
        as(tenant.adminKey()).contentType("text/csv").body("a,,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8)).post("/cost/imports").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:invalid-cost-file")).body("errors.field", hasItem("header"));
        byte[] binary = new byte[4096];
        new java.util.Random(13).nextBytes(binary);
        as(tenant.adminKey()).contentType("text/csv").body(binary).post("/cost/imports").then().statusCode(400).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).contentType("text/csv").body("BilledCost,\u0000\n".getBytes(StandardCharsets.UTF_8)).post("/cost/imports")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        assertEquals(before, auditEvents(tenant));
        as(tenant.adminKey()).get("/cost/imports").then().statusCode(200).body("items.size()", equalTo(0));
        // A valid budget's Location leads to it.
        String location = as(tenant.adminKey()).body(Map.of("name", "org-budget", "scope", "ORGANIZATION", "monthlyAmount", 1000.5,
                "currency", "EUR")).post("/cost/budgets").then().statusCode(201).extract().header("Location");
        RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).get(location).then().statusCode(200)
                .body("monthlyAmount", equalTo(1000.5));
    }

    private static Map<String, Object> trivy(String artifact, List<Map<String, Object>> vulnerabilities) {
        return Map.of("SchemaVersion", 2, "ArtifactName", artifact, "ArtifactType", "container_image",
                "Results", List.of(Map.of("Target", artifact + " (debian 12.5)", "Class", "os-pkgs", "Type", "debian",
                        "Vulnerabilities", vulnerabilities)));
    }

    @Test
    void documents_that_are_not_scanner_reports_change_nothing() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        String path = "/services/" + serviceId + "/vulnerability-reports";
        Map<String, Object> openssl = Map.of("VulnerabilityID", "CVE-2026-0001", "PkgName", "openssl", "InstalledVersion", "3.0.1",
                "Severity", "CRITICAL", "Title", "openssl flaw");
        as(tenant.adminKey()).body(trivy("registry.example/checkout:1.4", List.of(openssl))).post(path).then().statusCode(201);

        // A CycloneDX SBOM (no vulnerabilities: nothing was looked for), an empty object, a Trivy report of schema 2.5: refused,
        // the finding stays open.
        as(tenant.adminKey()).body(Map.of("bomFormat", "CycloneDX", "specVersion", "1.5", "components", List.of())).post(path).then()
                .statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("CycloneDX")).body("errors.field", hasItem("vulnerabilities"));
        as(tenant.adminKey()).body(Map.of()).post(path).then().statusCode(400).body("errors.field", hasItem("$"));
        as(tenant.adminKey()).body(Map.of("SchemaVersion", 2.5, "ArtifactName", "x")).post(path).then().statusCode(400);
        // An unknown severity is refused by name.
        Map<String, Object> odd = new HashMap<>(openssl);
        odd.put("Severity", "APOCALYPTIC");
        as(tenant.adminKey()).body(trivy("registry.example/checkout:1.4", List.of(odd))).post(path).then().statusCode(400)
                .body("errors.field", hasItem("Results[0].Vulnerabilities[0].Severity"));
        // A clean report of another artifact says nothing about this one's findings.
        as(tenant.adminKey()).body(trivy("registry.example/other:9", List.of())).post(path).then().statusCode(409)
                .body("type", equalTo("urn:aia-ops:problem:other-artifact"));
        as(tenant.adminKey()).queryParam("serviceId", serviceId).get("/security/summary").then().statusCode(200).body("open", equalTo(1));
        // A clean report of the same artifact closes it.
        as(tenant.adminKey()).body(trivy("registry.example/checkout:1.4", List.of())).post(path).then().statusCode(201)
                .body("newlyFixed", equalTo(1));
    }

    @Test
    void locations_lead_to_what_was_created() {
        String slug = unique("org");
        var signup = anonymous().body(Map.of("organizationSlug", slug, "organizationName", "Org", "email", slug + "@example.test",
                "displayName", "Founder", "password", "correct horse battery " + slug)).post("/signups").then().statusCode(201).extract();
        String session = signup.cookie("JSESSIONID");
        String organization = signup.header("Location");
        assertTrue(organization.startsWith("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/organizations/"), organization);
        RestAssured.given().cookie("JSESSIONID", session).get(organization).then().statusCode(200).body("slug", equalTo(slug));

        Tenant tenant = newTenant();
        var service = as(tenant.adminKey()).body(Map.of("slug", "billing", "displayName", "Billing", "ownerTeam", "finance", "tier", "PRO"))
                .post("/services").then().statusCode(201).extract();
        follow(tenant, service.header("Location")).body("slug", equalTo("billing"));
        String serviceId = service.path("id");
        follow(tenant, as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "billing-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99.9, "window", "28d")).post("/slos").then().statusCode(201).extract().header("Location"))
                .body("name", equalTo("billing-availability"));
        follow(tenant, as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "Billing")).post("/status-components")
                .then().statusCode(201).extract().header("Location")).body("name", equalTo("Billing"));
        follow(tenant, as(tenant.adminKey()).body(Map.of("name", "ci", "scope", "INGEST")).post("/api-keys")
                .then().statusCode(201).extract().header("Location")).body("name", equalTo("ci"));
        String incident = as(tenant.adminKey()).body(Map.of("title", "Billing errors", "severity", "P2", "serviceIds", List.of(serviceId)))
                .post("/incidents").then().statusCode(201).extract().header("Location");
        follow(tenant, incident).body("title", equalTo("Billing errors"));
    }

    private static io.restassured.response.ValidatableResponse follow(Tenant tenant, String location) {
        assertTrue(location.contains("/api/v1/") && !location.contains("/api/v1/api/v1"), location);
        return RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).get(location).then().statusCode(200);
    }

    @Test
    void weak_etags_cursors_charsets_and_escaping_paths_are_refused_as_problems() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "catalog");
        Map<String, Object> update = Map.of("displayName", "Catalog", "ownerTeam", "team-b", "tier", "ENTERPRISE");
        as(tenant.adminKey()).header("If-Match", "W/\"0\"").body(update).put("/services/" + serviceId).then().statusCode(412)
                .contentType(PROBLEM_JSON);
        as(tenant.adminKey()).get("/services/" + serviceId).then().body("tier", equalTo("PRO"));
        as(tenant.adminKey()).header("If-Match", "\"0\"").body(update).put("/services/" + serviceId).then().statusCode(200);

        for (String cursor : List.of("garbage", "Zm9vOmJhcg", "%%%")) {
            as(tenant.adminKey()).queryParam("cursor", cursor).get("/services").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors.field", hasItem("cursor"));
        }
        registerService(tenant.adminKey(), "catalog-two");
        String next = as(tenant.adminKey()).queryParam("limit", 1).get("/services").then().statusCode(200).extract().path("nextCursor");
        as(tenant.adminKey()).queryParam("limit", 1).queryParam("cursor", next).get("/services").then().statusCode(200)
                .body("items[0].slug", equalTo("catalog-two"));

        RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey())
                .contentType(ContentType.JSON.withCharset("ebcdic"))
                .body("{\"slug\":\"x1\",\"displayName\":\"X\",\"ownerTeam\":\"t\",\"tier\":\"PRO\"}".getBytes(StandardCharsets.UTF_8))
                .post("/services").then().statusCode(415).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).get("/services").then().body("items.size()", equalTo(2));

        for (String path : List.of("/api/v1/slos/../../etc/passwd", "/api/v1/slos/%2e%2e/%2e%2e/etc/passwd", "/api/nothing")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tenant.adminKey()
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 404"), path + " → " + answer.lines().findFirst().orElse(""));
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), path + " → " + answer);
        }
    }

    @Test
    void control_characters_are_refused_wherever_text_arrives() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "texts");
        as(tenant.adminKey()).get("/services").then().statusCode(200);
        long before = auditEvents(tenant);
        // A NUL is valid JSON ("\u0000") but PostgreSQL refuses it in text: it must be a 400 naming the field, everywhere.
        as(tenant.adminKey()).body("{\"slug\":\"nul\",\"displayName\":\"a\\u0000b\",\"ownerTeam\":\"t\",\"tier\":\"PRO\"}")
                .post("/services").then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("displayName"));
        as(tenant.adminKey()).body("{\"minutes\":[{\"service\":\"tex\\u0000ts\",\"minute\":\"" + Instant.now().truncatedTo(ChronoUnit.MINUTES)
                + "\",\"total\":1,\"good\":1}]}").post("/telemetry/minutes").then().statusCode(400).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).body(Map.of("kind", "TAG", "tagKey", "team\u0007", "resources", Map.of())).put("/cost/mapping").then()
                .statusCode(400).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).body(Map.of("kind", "RESOURCE_ID", "resources", Map.of("vm\u0000-1", serviceId))).put("/cost/mapping").then()
                .statusCode(400).contentType(PROBLEM_JSON);
        as(tenant.adminKey()).body(trivy("registry.example/texts:1", List.of(Map.of("VulnerabilityID", "CVE-2026-7", "PkgName", "zlib",
                "Severity", "LOW", "Title", "bad\u0000title")))).post("/services/" + serviceId + "/vulnerability-reports").then()
                .statusCode(400).body("errors.field", hasItem("Results[0].Vulnerabilities[0].Title"));
        as(tenant.adminKey()).contentType("application/yaml").body(("apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: texts\n"
                + "  displayName: \"a\\0b\"\n").getBytes(StandardCharsets.UTF_8)).post("/slos/openslo").then().statusCode(400)
                .contentType(PROBLEM_JSON);
        as(tenant.adminKey()).queryParam("from", "2026-01-01T00:00:00Z\u0000").get("/services/" + serviceId + "/telemetry").then()
                .statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("from"));
        assertEquals(before, auditEvents(tenant));
        as(tenant.adminKey()).get("/services").then().statusCode(200).body("items.size()", equalTo(1));
    }

    /** A request sent byte for byte, so that no client normalises its path first. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", 8080 + PORT_OFFSET)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
