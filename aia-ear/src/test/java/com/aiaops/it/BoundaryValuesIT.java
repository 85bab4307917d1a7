package com.aiaops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boundary values generated from the served OpenAPI document's own schemas, sent to every operation that takes a
 * JSON body or query parameters: for each field in turn, min−1, min, max, max+1, zero, negatives, huge numbers,
 * fractions, numbers as strings, "NaN" and "Infinity", far past and far future instants, a DST gap, empty, overlong and
 * unicode strings, wrong types — on top of an otherwise plausible body. Asserted: no 5xx; every refusal is
 * problem+json, and a 400 names fields; a refusal changes nothing (the organisation's audit trail does not grow);
 * afterwards every read of the organisation answers 200 and its audit chain verifies. Counts go to
 * target/boundary-report.txt (see docs/SECURITY.md).
 */
class BoundaryValuesIT extends ApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Operations that would end the test's own access or move the server's clock; everything else is exercised. */
    private static final Pattern SKIPPED = Pattern.compile("/test-clock.*|/sessions.*|/signups|/backups.*|/organizations/current.*");

    private JsonNode doc;
    private Tenant tenant;
    private String key;
    private String serviceId;
    private String serviceSlug;
    private String sloId;
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private int namedRefusals;
    private int refusals;

    @Test
    void boundary_values_to_every_operation_never_break_the_server_or_the_organisation() throws Exception {
        doc = JSON.readTree(RestAssured.given().baseUri("http://127.0.0.1").port(8080 + PORT_OFFSET).basePath("")
                .accept("application/json").get("/openapi").asString());
        tenant = newTenant();
        key = as(tenant.adminKey()).body(Map.of("name", "boundary", "scope", "ADMIN", "rateLimitPerMinute", 1_000_000))
                .post("/api-keys").then().statusCode(201).extract().path("token");
        serviceSlug = "boundary-svc";
        serviceId = registerService(key, serviceSlug);
        sloId = as(key).body(Map.of("serviceId", serviceId, "name", "boundary-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99.9, "window", "28d")).post("/slos").then().statusCode(201).extract().path("id");
        as(key).body(Map.of("minutes", List.of(Map.of("service", serviceSlug, "minute",
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES).toString(), "total", 100, "good", 98))))
                .post("/telemetry/minutes").then().statusCode(200);

        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String template = path.getKey().replaceFirst("^/api/v1", "");
            if (SKIPPED.matcher(template).matches()) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (method.equals("DELETE") || !operation.getValue().has("responses")) {
                    continue;
                }
                exercise(method, template, operation.getValue());
            }
        }

        report();
        assertEquals(List.of(), failures.subList(0, Math.min(failures.size(), 30)), failures.size() + " failure(s); see target/boundary-report.txt");
        assertTrue(requests > 2_000, "requests sent: " + requests);

        // The organisation reads as before.
        for (String read : List.of("/services", "/slos", "/slos/" + sloId, "/slos/" + sloId + "/status", "/services/" + serviceId + "/telemetry",
                "/services/" + serviceId + "/telemetry/series?step=5m", "/services/" + serviceId + "/error-budget-policy", "/scorecard",
                "/incidents", "/alerts", "/alert-rules", "/checks", "/deployments", "/dora", "/cost/breakdown", "/cost/budgets/status",
                "/security/summary", "/schedules", "/escalation-policies", "/maintenance-windows", "/status-components", "/members",
                "/api-keys", "/notification-channels", "/audit-events", "/slos/openslo", "/action-items")) {
            as(key).get(read).then().statusCode(200);
        }
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200);
        as(key).get("/audit-events/verification").then().statusCode(200).body("intact", org.hamcrest.Matchers.equalTo(true));
    }

    private void exercise(String method, String template, JsonNode operation) throws Exception {
        String path = pathOf(template);
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (!body.isMissingNode() && !method.equals("GET")) {
            JsonNode schema = resolve(body);
            JsonNode base = plausible(schema, 0);
            for (Map.Entry<String, List<JsonNode>> variant : variants(schema, "", 0).entrySet()) {
                for (JsonNode value : variant.getValue()) {
                    send(method, path, Map.of(), with(base, variant.getKey(), value), variant.getKey());
                }
            }
            send(method, path, Map.of(), NODES.nullNode(), "body");
            send(method, path, Map.of(), NODES.arrayNode(), "body");
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (String value : List.of("", "-1", "0", "1.5", "NaN", "Infinity", "1e309", "99999999999999999999", "9223372036854775808",
                    "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-03-29T02:30:00", "x".repeat(5000), "\u202e\ud834\udd1e'\"<>",
                    "garbage", "..%2f..%2fetc")) {
                if (method.equals("GET")) {
                    send(method, path, Map.of(name, value), null, name);
                }
            }
        }
    }

    private String pathOf(String template) {
        String path = template;
        if (template.startsWith("/services/{id}")) {
            path = path.replace("{id}", serviceId);
        } else if (template.startsWith("/slos/{id}")) {
            path = path.replace("{id}", sloId);
        } else if (template.startsWith("/status-pages/{")) {
            path = path.replaceAll("\\{[^}]+}", tenant.slug());
        }
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private void send(String method, String path, Map<String, String> query, JsonNode body, String field) throws Exception {
        long before = auditEvents();
        var request = RestAssured.given().header("Authorization", "Bearer " + key).urlEncodingEnabled(true).queryParams(query);
        if (body != null) {
            request.contentType("application/json").body(JSON.writeValueAsBytes(body));
        }
        Response response = request.request(method, path);
        requests++;
        int status = response.statusCode();
        statuses.merge(String.valueOf(status), 1, Integer::sum);
        String what = method + " " + path + " " + field + "=" + clip(body == null ? query.toString() : body.toString());
        if (status >= 500) {
            failures.add(status + " " + what + " → " + clip(response.asString()));
            return;
        }
        if (status >= 400) {
            refusals++;
            String type = String.valueOf(response.contentType());
            if (!type.startsWith(PROBLEM_JSON)) {
                failures.add("not problem+json (" + type + ") " + what);
                return;
            }
            if (status == 400) {
                List<String> fields = response.jsonPath().getList("errors.field");
                String detail = response.jsonPath().getString("detail");
                if ((fields == null || fields.isEmpty()) && (detail == null || detail.isBlank())) {
                    failures.add("400 without errors or detail " + what);
                }
                String leaf = field.replaceAll(".*\\.", "").replaceAll("\\[\\d+]", "");
                if ((fields != null && fields.stream().anyMatch(f -> f.contains(leaf))) || (detail != null && detail.contains(leaf))) {
                    namedRefusals++;
                }
            }
            if (!method.equals("GET") && auditEvents() != before) {
                failures.add("refused with " + status + " but the audit trail grew: " + what);
            }
        }
    }

    /**
     * The events callers' requests wrote. Those the platform writes by itself (a report job finishing, a scheduled alert
     * evaluation; actor "system") may land while an unrelated request is refused, so they are not counted.
     */
    private long auditEvents() throws Exception {
        return Database.count("select count(*) from audit_event where organization_id = ? and actor <> 'system'",
                UUID.fromString(tenant.organizationId()));
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            String name = current.get("$ref").asText().replace("#/components/schemas/", "");
            current = doc.path("components").path("schemas").path(name);
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText(schema.has("properties") ? "object" : "string");
    }

    /** A value the schema accepts as far as its own bounds tell (cross-field rules may still refuse it). */
    private JsonNode plausible(JsonNode schemaRef, int depth) {
        JsonNode schema = resolve(schemaRef);
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (type(schema)) {
            case "integer":
                return NODES.numberNode(schema.has("minimum") ? Math.max(schema.get("minimum").asLong(), Math.min(1, schema.path("maximum").asLong(1))) : 1);
            case "number":
                double low = schema.has("minimum") ? schema.get("minimum").asDouble() : 0;
                double high = schema.has("maximum") ? schema.get("maximum").asDouble() : low + 100;
                return NODES.numberNode((low + high) / 2 == 0 ? 0.5 : (low + high) / 2);
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                ArrayNode array = NODES.arrayNode();
                if (depth < 3 && schema.path("minItems").asInt(0) > 0) {
                    array.add(plausible(schema.path("items"), depth + 1));
                }
                return array;
            case "object":
                ObjectNode object = NODES.objectNode();
                if (depth < 3) {
                    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                    while (properties.hasNext()) {
                        Map.Entry<String, JsonNode> property = properties.next();
                        object.set(property.getKey(), plausibleNamed(property.getKey(), property.getValue(), depth + 1));
                    }
                }
                return object;
            default:
                return NODES.textNode(plausibleText(schema));
        }
    }

    private JsonNode plausibleNamed(String name, JsonNode schema, int depth) {
        if (name.equals("serviceId")) {
            return NODES.textNode(serviceId);
        }
        if (name.equals("service")) {
            return NODES.textNode(serviceSlug);
        }
        if (name.equals("sloId")) {
            return NODES.textNode(sloId);
        }
        if (name.equals("minute")) {
            return NODES.textNode(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES).toString());
        }
        return plausible(schema, depth);
    }

    private static String plausibleText(JsonNode schema) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "uuid":
                return UUID.randomUUID().toString();
            case "date-time":
                return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            case "date":
                return LocalDate.now(ZoneOffset.UTC).toString();
            case "duration":
                return "PT1H";
            default:
                break;
        }
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null) {
            for (String candidate : List.of("boundary-" + UUID.randomUUID().toString().substring(0, 6), "1h", "5m", "28d", "USD",
                    "production", "2026-11", "2026-11-02T09:00:00", "deadbeef1", "a")) {
                if (Pattern.compile(pattern).matcher(candidate).find()) {
                    return candidate;
                }
            }
        }
        return "boundary " + UUID.randomUUID().toString().substring(0, 6);
    }

    /** For each field path (dotted, with [0] for list items), the hostile values to put there. */
    private Map<String, List<JsonNode>> variants(JsonNode schemaRef, String prefix, int depth) {
        Map<String, List<JsonNode>> variants = new LinkedHashMap<>();
        JsonNode schema = resolve(schemaRef);
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String field = prefix + property.getKey();
            JsonNode propertySchema = resolve(property.getValue());
            variants.put(field, hostile(propertySchema));
            String type = type(propertySchema);
            if (depth < 2 && type.equals("object")) {
                variants.putAll(variants(propertySchema, field + ".", depth + 1));
            } else if (depth < 2 && type.equals("array") && resolve(propertySchema.path("items")).has("properties")) {
                variants.putAll(variants(propertySchema.path("items"), field + "[0].", depth + 1));
            }
        }
        return variants;
    }

    private static List<JsonNode> hostile(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.nullNode());
        values.add(NODES.objectNode());
        values.add(NODES.textNode("NaN"));
        values.add(NODES.textNode("Infinity"));
        values.add(NODES.numberNode(1.5));
        values.add(NODES.numberNode(new java.math.BigDecimal("1e30")));
        values.add(NODES.numberNode(new java.math.BigDecimal("-9223372036854775809")));
        values.add(NODES.numberNode(Long.MAX_VALUE));
        values.add(NODES.numberNode(-1));
        values.add(NODES.numberNode(0));
        values.add(NODES.booleanNode(true));
        String type = type(schema);
        if (schema.has("minimum")) {
            java.math.BigDecimal min = schema.get("minimum").decimalValue();
            values.add(NODES.numberNode(min));
            values.add(NODES.numberNode(min.subtract(java.math.BigDecimal.ONE)));
            values.add(NODES.numberNode(min.subtract(new java.math.BigDecimal("0.001"))));
        }
        if (schema.has("maximum")) {
            java.math.BigDecimal max = schema.get("maximum").decimalValue();
            values.add(NODES.numberNode(max));
            values.add(NODES.numberNode(max.add(java.math.BigDecimal.ONE)));
            values.add(NODES.numberNode(max.add(new java.math.BigDecimal("0.001"))));
        }
        if (type.equals("integer") || type.equals("number")) {
            values.add(NODES.textNode("12"));
            values.add(NODES.numberNode(new java.math.BigDecimal("1e400")));
        }
        if (type.equals("string") || type.equals("object")) {
            values.add(NODES.textNode(""));
            values.add(NODES.textNode(" "));
            values.add(NODES.textNode("x".repeat(schema.path("maxLength").asInt(5000) + 1)));
            values.add(NODES.textNode("ü\ud834\udd1e\u202e\u0000'; drop table service;--<script>"));
            values.add(NODES.textNode("0000-01-01T00:00:00Z"));
            values.add(NODES.textNode("+999999999-12-31T23:59:59Z"));
            values.add(NODES.textNode("9999-12-31T23:59:59Z"));
            values.add(NODES.textNode("2026-03-29T02:30:00"));
            values.add(NODES.textNode("2026-02-30T00:00:00Z"));
            values.add(NODES.textNode(LocalDateTime.of(1969, 12, 31, 23, 59).toString()));
            values.add(NODES.textNode("P-1D"));
            values.add(NODES.textNode("PT9999999999H"));
        }
        if (type.equals("array")) {
            values.add(NODES.arrayNode());
            ArrayNode nulls = NODES.arrayNode();
            nulls.addNull();
            values.add(nulls);
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i <= Math.min(schema.path("maxItems").asInt(1000), 20_000); i++) {
                many.add(i);
            }
            values.add(many);
        }
        return values;
    }

    /** The base body with one field (a dotted path, [0] for the first list item) replaced. */
    private static JsonNode with(JsonNode base, String field, JsonNode value) {
        JsonNode copy = base.deepCopy();
        String[] steps = field.split("\\.");
        JsonNode at = copy;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean item = step.endsWith("[0]");
            String name = item ? step.substring(0, step.length() - 3) : step;
            if (!(at instanceof ObjectNode object)) {
                return copy;
            }
            if (i == steps.length - 1 && !item) {
                object.set(name, value);
                return copy;
            }
            JsonNode next = object.get(name);
            if (item) {
                ArrayNode array;
                if (next instanceof ArrayNode existing) {
                    array = existing;
                } else {
                    array = NODES.arrayNode();
                    object.set(name, array);
                }
                if (array.isEmpty()) {
                    array.add(NODES.objectNode());
                }
                next = array.get(0);
            } else if (next == null || !next.isObject()) {
                next = NODES.objectNode();
                object.set(name, next);
            }
            at = next;
        }
        return copy;
    }

    private static String clip(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private void report() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Boundary values generated from the OpenAPI document (BoundaryValuesIT)\n");
        out.append("requests: ").append(requests).append('\n');
        out.append("by status: ").append(statuses).append('\n');
        out.append("refusals: ").append(refusals).append(", of which 400s naming the mutated field: ").append(namedRefusals).append('\n');
        out.append("failures: ").append(failures.size()).append('\n');
        failures.forEach(f -> out.append("  ").append(f).append('\n'));
        Files.writeString(Path.of("target", "boundary-report.txt"), out.toString(), StandardCharsets.UTF_8);
    }
}
