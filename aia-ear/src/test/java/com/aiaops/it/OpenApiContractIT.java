package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served OpenAPI document is a contract others can build on: linted by Redocly CLI's recommended rules (the real
 * tool, from npm) with no error, an operationId on every operation, problem+json error responses, and the bounds the
 * server enforces published on the inputs.
 */
class OpenApiContractIT extends ApiIT {
    /** Pinned so that a new release of the linter's rules cannot change the verdict on an unchanged document. */
    static final String REDOCLY = "@redocly/cli@2.77.0";

    private static String document() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(8080 + PORT_OFFSET).basePath("")
                .accept("application/json").get("/openapi").then().statusCode(200).extract().asString();
    }

    @Test
    void every_operation_has_an_id_and_a_problem_response() {
        JsonPath doc = JsonPath.from(document());
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Set<String> ids = new HashSet<>();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                if (!(operation.getValue() instanceof Map) || !operation.getValue().containsKey("responses")) {
                    continue;
                }
                operations++;
                String where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                Object id = operation.getValue().get("operationId");
                if (!(id instanceof String text) || !text.matches("[a-z][A-Za-z0-9]+") || !ids.add(text)) {
                    missing.add(where + ": operationId " + id);
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getValue().get("responses");
                Map<String, Object> badRequest = responses.get("400");
                if (badRequest == null || !String.valueOf(badRequest.get("content")).contains("application/problem+json")
                        || !String.valueOf(badRequest.get("content")).contains("#/components/schemas/Problem")) {
                    missing.add(where + ": no problem+json 400");
                }
            }
        }
        assertTrue(operations > 140, "operations: " + operations);
        assertEquals(List.of(), missing);
        assertEquals(List.of("type", "title", "status"), doc.getList("components.schemas.Problem.required"));
        assertTrue(doc.getList("servers").size() >= 1);
    }

    /**
     * The generated client (GeneratedClientIT) is built from a snapshot of the document: it must be the served one.
     * After an API change, refresh it with {@code mvn verify -Dit.test=OpenApiContractIT -Daia.openapi.refresh=true}.
     */
    @Test
    void the_client_snapshot_is_the_served_document() throws Exception {
        Path snapshot = Path.of("src", "test", "openapi", "aia-ops-api.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        Object served = json.readValue(document(), Object.class);
        if (Boolean.getBoolean("aia.openapi.refresh")) {
            Files.writeString(snapshot, json.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
        }
        Object kept = json.readValue(Files.readString(snapshot, StandardCharsets.UTF_8), Object.class);
        List<String> differences = new ArrayList<>();
        differences(kept, served, "", differences);
        assertEquals(List.of(), differences.subList(0, Math.min(differences.size(), 20)), "The served OpenAPI document differs from "
                + snapshot + " (" + differences.size() + " places): refresh it with "
                + "mvn verify -pl aia-ear -Dit.test=OpenApiContractIT -Daia.openapi.refresh=true");
    }

    /** Where two JSON trees differ, as paths: a short message instead of two whole documents. */
    @SuppressWarnings("unchecked")
    private static void differences(Object kept, Object served, String at, List<String> out) {
        if (kept instanceof Map && served instanceof Map) {
            Map<String, Object> a = (Map<String, Object>) kept;
            Map<String, Object> b = (Map<String, Object>) served;
            java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String key : keys) {
                if (!a.containsKey(key)) {
                    out.add("only served: " + at + "/" + key);
                } else if (!b.containsKey(key)) {
                    out.add("only in the snapshot: " + at + "/" + key);
                } else {
                    differences(a.get(key), b.get(key), at + "/" + key, out);
                }
            }
        } else if (!java.util.Objects.equals(kept, served)) {
            out.add("differs: " + at);
        }
    }

    @Test
    void the_bounds_the_server_enforces_are_published() {
        JsonPath doc = JsonPath.from(document());
        assertEquals(10_000_000_000L, doc.getLong("components.schemas.MinuteAggregate.properties.total.maximum"));
        assertEquals(0, doc.getInt("components.schemas.MinuteAggregate.properties.total.minimum"));
        assertEquals(10_000, doc.getInt("components.schemas.MinuteBatch.properties.minutes.maxItems"));
        assertEquals(599, doc.getInt("components.schemas.Observation.properties.status.maximum"));
        assertEquals("[1-9][0-9]{0,5}[mhdwMQY]", doc.getString("components.schemas.DefineSloRequest.properties.window.pattern"));
        assertEquals(1_000_000_000_000_000L, doc.getLong("components.schemas.DefineSloRequest.properties.minimumEvents.maximum"));
        assertEquals(2000, doc.getInt("components.schemas.DefineCheckRequest.properties.url.maxLength"));
    }

    @Test
    void redocly_lint_with_the_recommended_rules_finds_no_error() throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "aia-openapi-" + ProcessHandle.current().pid() + ".json");
        Files.writeString(file, document(), StandardCharsets.UTF_8);
        Path report = Path.of("target", "redocly-lint.txt").toAbsolutePath();
        Process lint = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", file.toString(), "--format=stylish", "--max-problems=1000")
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertTrue(lint.waitFor(10, TimeUnit.MINUTES), "redocly lint did not finish");
        String output = Files.readString(report, StandardCharsets.UTF_8);
        assertEquals(0, lint.exitValue(), "redocly lint found errors:\n" + output);
        assertTrue(!output.contains(" error "), output);
        Files.deleteIfExists(file);
    }
}
