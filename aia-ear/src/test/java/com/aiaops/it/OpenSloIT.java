package com.aiaops.it;

import io.restassured.RestAssured;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenSLO v1 export and import through the API: round trips, and reports what it does not import. */
class OpenSloIT extends ApiIT {

    private static String exportOf(Tenant tenant) {
        return RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey()).accept("application/yaml")
                .get("/slos/openslo").then().statusCode(200).extract().asString();
    }

    private static io.restassured.response.Response importInto(Tenant tenant, String yaml) {
        return RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey())
                .config(RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)))
                .contentType("application/yaml").body(yaml).post("/slos/openslo");
    }

    @Test
    void slos_exported_from_one_organisation_import_into_another_and_export_identically() {
        Tenant a = newTenant();
        String serviceId = registerService(a.adminKey(), "checkout");
        Map<String, Object> latency = new HashMap<>(Map.of("serviceId", serviceId, "name", "checkout-latency",
                "displayName", "Checkout is fast", "indicator", "LATENCY", "latencyThresholdMs", 300, "targetPercent", 99.5,
                "window", "1M", "rolling", false, "calendarStart", "2026-01-01T00:00:00", "timeZone", "Europe/Paris"));
        latency.put("minimumEvents", 20);
        as(a.adminKey()).body(latency).post("/slos").then().statusCode(201);
        as(a.adminKey()).body(Map.of("serviceId", serviceId, "name", "checkout-availability", "indicator", "AVAILABILITY",
                "target", 0.999, "window", "28d", "budgetingMethod", "TIMESLICES", "timeSliceTarget", 0.95, "timeSliceWindow", "5m"))
                .post("/slos").then().statusCode(201);
        String exported = exportOf(a);
        org.hamcrest.MatcherAssert.assertThat(exported, containsString("apiVersion: openslo/v1"));

        Tenant b = newTenant();
        registerService(b.adminKey(), "checkout");
        importInto(b, exported).then().statusCode(201).body("created.size()", equalTo(2))
                .body("findings.reason", hasItem(containsString("ignored")));
        assertEquals(exported, exportOf(b));
        String importedId = as(b.adminKey()).get("/slos").then().extract().path("items.find { it.name == 'checkout-latency' }.id");
        as(b.adminKey()).get("/slos/" + importedId).then().body("latencyThresholdMs", equalTo(300))
                .body("timeZone", equalTo("Europe/Paris")).body("minimumEvents", equalTo(20));
    }

    @Test
    void an_import_is_all_or_nothing_and_reports_what_it_leaves_out() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "api");
        String yaml = """
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: api-availability, labels: {tier: gold}}
                spec:
                  service: api
                  indicator: {metadata: {name: api-ratio}, spec: {ratioMetric: {counter: true, good: {metricSource: {type: x}}, total: {metricSource: {type: x}}}}}
                  timeWindow: [{duration: 30d, isRolling: true}]
                  objectives: [{target: 0.99}]
                """;
        // the labels have no field here: kept, not reported as left out, and written back on export
        importInto(tenant, yaml).then().statusCode(201).body("findings.path", org.hamcrest.Matchers.not(hasItem("metadata.labels")))
                .body("findings.path", hasItem("spec.alertPolicies"));
        org.junit.jupiter.api.Assertions.assertTrue(exportOf(tenant).contains("  labels:\n    tier: gold"), exportOf(tenant));
        // A second import with a new SLO and one whose name is taken: refused whole, the new one is not created.
        importInto(tenant, yaml.replace("api-availability", "api-availability-2") + "---\n" + yaml).then().statusCode(409);
        as(tenant.adminKey()).get("/slos").then().body("items.size()", equalTo(1));

        String noService = yaml.replace("service: api", "service: nowhere").replace("api-availability", "x-y");
        importInto(tenant, noService).then().statusCode(400).body("errors.field", hasItem("SLO x-y: spec.service"));
        // Asked for, a partial import takes what it can and lists each refused document with the path of its problem.
        RestAssured.given().header("Authorization", "Bearer " + tenant.adminKey())
                .config(RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)))
                .contentType("application/yaml").queryParam("partial", true)
                .body(yaml.replace("api-availability", "api-partial") + "---\n" + noService + "---\n" + yaml).post("/slos/openslo")
                .then().statusCode(201).body("created.name", contains("api-partial"))
                .body("refused.document", contains("SLO x-y", "SLO api-availability"))
                .body("refused.path", contains("spec.service", "metadata.name"));
        as(tenant.adminKey()).get("/slos").then().body("items.size()", equalTo(2));
        importInto(tenant, "kind: [unclosed").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:invalid-openslo"));
        importInto(tenant, yaml.replace("30d", "thirty days").replace("api-availability", "z-z")).then().statusCode(400);
        as(tenant.adminKey()).get("/slos").then().body("items.size()", equalTo(2));
    }

    /** Sloth's published example: imported with its Prometheus queries, and exported with them, as written. */
    @Test
    void a_slo_on_another_systems_queries_comes_back_with_its_queries() throws Exception {
        Tenant tenant = newTenant();
        String sloth = java.nio.file.Files.readString(java.nio.file.Path.of("..", "aia-domain", "src", "test", "resources", "openslo", "public",
                "sloth-getting-started.yaml"));
        String service = new org.yaml.snakeyaml.Yaml().<Map<String, Map<String, Object>>>load(sloth).get("spec").get("service").toString();
        registerService(tenant.adminKey(), service);
        importInto(tenant, sloth).then().statusCode(201).body("created.size()", equalTo(1))
                .body("findings.reason", hasItem(containsString("kept and written back on export")));
        String exported = exportOf(tenant);
        org.hamcrest.MatcherAssert.assertThat(exported, containsString("http_request_duration_seconds_count"));
        org.hamcrest.MatcherAssert.assertThat(exported, org.hamcrest.Matchers.not(containsString("type: aia-ops")));
    }
}
