package com.aiaops.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Trivy reports become findings with fix-by dates; later reports fix them; overdue lists and patch compliance follow. */
class SecurityIT extends ApiIT {

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    private static Map<String, Object> vulnerability(String id, String pkg, String severity) {
        return Map.of("VulnerabilityID", id, "PkgName", pkg, "InstalledVersion", "1.0.0", "FixedVersion", "1.0.1",
                "Severity", severity, "Title", pkg + " flaw");
    }

    /** A Trivy schema-2 report with one OS-package result holding these vulnerabilities. */
    private static Map<String, Object> report(List<Map<String, Object>> vulnerabilities) {
        return Map.of("SchemaVersion", 2, "ArtifactName", "registry.example/checkout:1.4", "ArtifactType", "container_image",
                "Results", List.of(Map.of("Target", "registry.example/checkout:1.4 (debian 12.5)", "Class", "os-pkgs", "Type", "debian",
                        "Vulnerabilities", vulnerabilities)));
    }

    @Test
    void reports_open_and_fix_findings_and_compliance_counts_fixes_within_their_sla() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        var critical = vulnerability("CVE-2026-0001", "openssl", "CRITICAL");
        var high = vulnerability("CVE-2026-0002", "libc6", "HIGH");
        var medium = vulnerability("CVE-2026-0003", "zlib1g", "MEDIUM");

        as(tenant.adminKey()).body(report(List.of(critical, high, medium, high))).post("/services/" + serviceId + "/vulnerability-reports")
                .then().statusCode(201).body("duplicate", equalTo(false)).body("vulnerabilities", equalTo(3))
                .body("newlyOpen", equalTo(3)).body("openBySeverity.CRITICAL", equalTo(1)).body("openBySeverity.HIGH", equalTo(1));
        var findings = as(tenant.adminKey()).queryParam("serviceId", serviceId).get("/security/findings").then().statusCode(200)
                .body("items.vulnerabilityId", contains("CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003")).extract();
        java.time.Instant seen = java.time.Instant.parse(findings.path("items[0].firstSeenAt"));
        org.junit.jupiter.api.Assertions.assertEquals(seen.plus(Duration.ofHours(24)), java.time.Instant.parse(findings.path("items[0].dueAt")));
        org.junit.jupiter.api.Assertions.assertEquals(seen.plus(Duration.ofDays(7)), java.time.Instant.parse(findings.path("items[1].dueAt")));

        // Two hours later openssl is patched: the next report no longer lists it.
        clockAhead(Duration.ofHours(2));
        as(tenant.adminKey()).body(report(List.of(high, medium))).post("/services/" + serviceId + "/vulnerability-reports")
                .then().statusCode(201).body("newlyFixed", equalTo(1)).body("newlyOpen", equalTo(0));

        // Eight days on, libc is past its seven days.
        clockAhead(Duration.ofDays(8));
        as(tenant.adminKey()).queryParam("state", "overdue").get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0002")).body("items[0].overdue", equalTo(true));
        as(tenant.adminKey()).queryParam("serviceId", serviceId).get("/security/summary").then().statusCode(200)
                .body("open", equalTo(2)).body("overdue", equalTo(1)).body("fixedInTime", equalTo(1))
                .body("patchCompliance", closeTo(0.5, 1e-12)).body("openBySeverity.CRITICAL", equalTo(0));

        var fixedLate = report(List.of(medium));
        as(tenant.adminKey()).body(fixedLate).post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201)
                .body("newlyFixed", equalTo(1));
        // The same report again right away: recognised, nothing changes.
        as(tenant.adminKey()).body(fixedLate).post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(200)
                .body("duplicate", equalTo(true));
        as(tenant.adminKey()).get("/security/summary").then()
                .body("open", equalTo(1)).body("overdue", equalTo(0)).body("fixedInTime", equalTo(1)).body("fixedLate", equalTo(1))
                .body("patchCompliance", closeTo(0.5, 1e-12));
        as(tenant.adminKey()).queryParam("state", "all").get("/security/findings").then().body("items", hasSize(3));
    }

    /**
     * The lists and the organisation's summary are kept until a finding changes: each report shows in the very next read, and as time alone passes a
     * finding turns overdue in every list that holds it and joins the overdue list at once.
     */
    @Test
    void kept_lists_of_findings_follow_each_report_and_the_fix_by_dates_as_time_passes() {
        Tenant tenant = newTenant();
        String checkout = registerService(tenant.adminKey(), "checkout");
        String search = registerService(tenant.adminKey(), "search");
        var high = vulnerability("CVE-2026-0002", "libc6", "HIGH");
        var medium = vulnerability("CVE-2026-0003", "zlib1g", "MEDIUM");
        as(tenant.adminKey()).body(report(List.of(high, medium))).post("/services/" + checkout + "/vulnerability-reports").then().statusCode(201);
        for (int read = 0; read < 2; read++) {
            as(tenant.adminKey()).get("/security/findings").then().statusCode(200)
                    .body("items.vulnerabilityId", contains("CVE-2026-0002", "CVE-2026-0003")).body("items.overdue", contains(false, false));
            as(tenant.adminKey()).queryParam("state", "overdue").get("/security/findings").then().body("items", hasSize(0));
            as(tenant.adminKey()).get("/security/summary").then().statusCode(200).body("open", equalTo(2)).body("overdue", equalTo(0))
                    .body("patchCompliance", org.hamcrest.Matchers.nullValue());
        }

        // Eight days on, nothing changed but the time: libc is past its seven days in every list that holds it.
        clockAhead(Duration.ofDays(8));
        as(tenant.adminKey()).get("/security/findings").then().body("items.overdue", contains(true, false));
        as(tenant.adminKey()).queryParam("state", "overdue").get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0002")).body("items.overdue", contains(true));
        as(tenant.adminKey()).queryParam("severity", "MEDIUM").get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0003")).body("items.overdue", contains(false));
        as(tenant.adminKey()).get("/security/summary").then().body("open", equalTo(2)).body("overdue", equalTo(1))
                .body("patchCompliance", closeTo(0.0, 1e-12));

        // libc patched: gone from the open and overdue lists at once, fixed in the list of all; another service's finding joins.
        as(tenant.adminKey()).body(report(List.of(medium))).post("/services/" + checkout + "/vulnerability-reports").then().statusCode(201);
        as(tenant.adminKey()).body(report(List.of(vulnerability("CVE-2026-0100", "curl", "CRITICAL"))))
                .post("/services/" + search + "/vulnerability-reports").then().statusCode(201);
        // Soonest due first: curl's 24 hours end long before zlib's thirty days.
        as(tenant.adminKey()).get("/security/findings").then().body("items.vulnerabilityId", contains("CVE-2026-0100", "CVE-2026-0003"));
        as(tenant.adminKey()).queryParam("serviceId", checkout).get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0003"));
        as(tenant.adminKey()).queryParam("state", "overdue").get("/security/findings").then().body("items", hasSize(0));
        as(tenant.adminKey()).get("/security/summary").then().body("open", equalTo(2)).body("overdue", equalTo(0))
                .body("fixedLate", equalTo(1)).body("openBySeverity.CRITICAL", equalTo(1)).body("openBySeverity.HIGH", equalTo(0));
        as(tenant.adminKey()).queryParam("state", "all").queryParam("serviceId", checkout).get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0002", "CVE-2026-0003")).body("items.overdue", contains(false, false))
                .body("items[0].fixedAt", org.hamcrest.Matchers.notNullValue()).body("items[1].fixedAt", org.hamcrest.Matchers.nullValue());

        // A refused report changes no list; then, past thirty days, the overdue list is the two open findings in due order.
        as(tenant.adminKey()).body(Map.of("SchemaVersion", 1, "Results", List.of()))
                .post("/services/" + checkout + "/vulnerability-reports").then().statusCode(400);
        as(tenant.adminKey()).queryParam("serviceId", checkout).get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0003"));
        clockAhead(Duration.ofDays(31));
        as(tenant.adminKey()).queryParam("state", "overdue").get("/security/findings").then()
                .body("items.vulnerabilityId", contains("CVE-2026-0100", "CVE-2026-0003")).body("items.overdue", contains(true, true));
        as(tenant.adminKey()).get("/security/summary").then().body("open", equalTo(2)).body("overdue", equalTo(2))
                .body("patchCompliance", closeTo(0.0, 1e-12));
        as(tenant.adminKey()).queryParam("state", "all").queryParam("serviceId", checkout).get("/security/findings").then()
                .body("items.overdue", contains(false, true));
    }

    @Test
    void fix_slas_are_configurable_and_bad_reports_change_nothing() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        as(tenant.adminKey()).get("/security/fix-slas").then().body("critical", equalTo("PT24H")).body("high", equalTo("PT168H"));
        as(tenant.adminKey()).body(Map.of("critical", "PT12H", "high", "P3D", "medium", "P14D", "low", "P60D"))
                .put("/security/fix-slas").then().statusCode(200).body("critical", equalTo("PT12H"));
        as(issueKey(tenant, "OPERATOR")).body(Map.of("critical", "PT1H", "high", "P3D", "medium", "P14D", "low", "P60D"))
                .put("/security/fix-slas").then().statusCode(403);
        as(tenant.adminKey()).body(report(List.of(vulnerability("CVE-2026-0100", "curl", "CRITICAL"))))
                .post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201);
        var finding = as(tenant.adminKey()).get("/security/findings").then().extract();
        org.junit.jupiter.api.Assertions.assertEquals(
                java.time.Instant.parse(finding.path("items[0].firstSeenAt")).plus(Duration.ofHours(12)),
                java.time.Instant.parse(finding.path("items[0].dueAt")));

        List<Map<String, Object>> broken = new ArrayList<>();
        broken.add(vulnerability("CVE-2026-0200", "bash", "HIGH"));
        broken.add(Map.of("PkgName", "no-id"));
        as(tenant.adminKey()).body(report(broken)).post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:invalid-report"))
                .body("errors[0].field", equalTo("Results[0].Vulnerabilities[1].VulnerabilityID"));
        as(tenant.adminKey()).body("{\"Results\": [").post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(400);
        as(tenant.adminKey()).body(Map.of("SchemaVersion", 1, "Results", List.of()))
                .post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(400);
        as(tenant.adminKey()).get("/security/findings").then().body("items", hasSize(1));

        Tenant other = newTenant();
        as(other.adminKey()).body(report(List.of())).post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(404);
        as(other.adminKey()).get("/security/findings").then().body("items", hasSize(0));
        as(other.adminKey()).queryParam("serviceId", serviceId).get("/security/summary").then().statusCode(404);
    }

    /** Grype's SARIF and CycloneDX reports of one image (its own published test fixtures) import as the same findings. */
    @Test
    void sarif_and_cyclonedx_reports_of_a_scanner_import_as_its_findings() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "imaged");
        java.nio.file.Path published = java.nio.file.Path.of("..", "aia-domain", "src", "test", "resources", "security", "public");
        byte[] sarif = java.nio.file.Files.readAllBytes(published.resolve("grype-image.sarif"));
        byte[] bom = java.nio.file.Files.readAllBytes(published.resolve("grype-image.cdx.json"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).contentType("application/sarif+json; charset=UTF-8")
                .body(sarif).post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201)
                .body("vulnerabilities", equalTo(2)).body("newlyOpen", equalTo(2)).body("openBySeverity.CRITICAL", equalTo(1))
                .body("openBySeverity.LOW", equalTo(1));
        as(tenant.adminKey()).get("/security/findings?serviceId=" + serviceId).then().statusCode(200)
                .body("items.vulnerabilityId", org.hamcrest.Matchers.containsInAnyOrder("CVE-1999-0001", "CVE-1999-0002"))
                .body("items.packageName", org.hamcrest.Matchers.containsInAnyOrder("package-1", "package-2"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).contentType("application/vnd.cyclonedx+json; charset=UTF-8")
                .body(bom).post("/services/" + serviceId + "/vulnerability-reports").then().statusCode(201).body("vulnerabilities", equalTo(2))
                .body("newlyOpen", equalTo(0)).body("newlyFixed", equalTo(0)); // the same image, the same findings
    }
}
