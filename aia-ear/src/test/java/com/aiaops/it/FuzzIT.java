package com.aiaops.it;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over ten thousand malformed requests to every operation the OpenAPI document lists: wrong types, missing and unknown
 * fields, huge bodies and arrays, deeply nested JSON, invalid UTF-8, injection strings, path traversal, bad, expired
 * and revoked credentials, and another organisation's ids. None may be answered with a 5xx, every refusal is
 * application/problem+json, no data of either organisation changes, and the server is healthy afterwards. The
 * counts are written to target/fuzz-report.txt.
 */
class FuzzIT extends ApiIT {
    private static final Logger LOG = Logger.getLogger(FuzzIT.class);
    private static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    static final List<String> HOSTILE_STRINGS = List.of("' OR '1'='1", "1; DROP TABLE service;--", "\" OR \"\"=\"", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1:1/x}", "{{7*7}}", "../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%00", "\u0000", "😀".repeat(50),
            "x".repeat(20_000), "-1", "99999999999999999999999", "NaN", "null", "true", "[]", "{}", "2026-13-45T99:99:99Z", "\\u0000\\ud800");

    private record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters, boolean hasBody) {
    }

    private record Credential(String name, String header, String value) {
    }

    private record Body(String name, byte[] bytes) {
    }

    @Test
    void ten_thousand_malformed_requests_get_no_5xx_change_nothing_and_leave_the_server_healthy() throws Exception {
        Tenant victim = newTenant();
        Tenant attacker = newTenant();
        String fuzzKey = as(victim.adminKey()).body(Map.of("name", "fuzz", "scope", "ADMIN", "rateLimitPerMinute", 1_000_000)).post("/api-keys")
                .then().statusCode(201).extract().path("token");
        String attackerKey = as(attacker.adminKey()).body(Map.of("name", "fuzz", "scope", "ADMIN", "rateLimitPerMinute", 1_000_000)).post("/api-keys")
                .then().statusCode(201).extract().path("token");
        String viewerKey = as(victim.adminKey()).body(Map.of("name", "viewer", "scope", "VIEWER", "rateLimitPerMinute", 1_000_000)).post("/api-keys")
                .then().statusCode(201).extract().path("token");
        var expiring = as(victim.adminKey()).body(Map.of("name", "expiring", "scope", "ADMIN", "expiresAt", Instant.now().plusSeconds(2).toString()))
                .post("/api-keys").then().statusCode(201).extract();
        String revoked = as(victim.adminKey()).body(Map.of("name", "revoked", "scope", "ADMIN")).post("/api-keys").then().statusCode(201).extract().path("token");
        String revokedId = as(victim.adminKey()).get("/api-keys").then().extract().path("items.find { it.name == 'revoked' }.id");
        as(victim.adminKey()).delete("/api-keys/" + revokedId).then().statusCode(204);

        // The victim's objects: their ids are what an attacker would try.
        String serviceId = registerService(victim.adminKey(), "payments");
        List<String> victimIds = new ArrayList<>(List.of(serviceId, victim.organizationId()));
        victimIds.add(as(victim.adminKey()).body(Map.of("title", "Outage", "severity", "P2", "serviceIds", List.of(serviceId), "summary", "x"))
                .post("/incidents").then().statusCode(201).extract().path("id"));
        victimIds.add(as(victim.adminKey()).body(Map.of("serviceId", serviceId, "name", "availability", "indicator", "AVAILABILITY", "targetPercent", 99.0,
                "window", "30d")).post("/slos").then().statusCode(201).extract().path("id"));
        // Wait until the expiring key has expired (two seconds after it was issued).
        eventually(Duration.ofSeconds(20), () -> io.restassured.RestAssured.given().header("Authorization", "Bearer " + expiring.path("token"))
                .get("/services").then().statusCode(401));

        List<Operation> operations = operations();
        assertTrue(operations.size() > 50, "operations found in the OpenAPI document: " + operations.size());
        // An ADMIN key's first use goes into its organisation's audit trail: use each once before counting rows.
        as(fuzzKey).get("/services").then().statusCode(200);
        as(attackerKey).get("/services").then().statusCode(200);
        Map<String, Long> before = snapshot(victim, attacker);

        List<Credential> credentials = List.of(new Credential("none", null, null),
                new Credential("garbage-bearer", "Authorization", "Bearer aia_not-a-key-at-all"),
                new Credential("malformed-authorization", "Authorization", "Basic " + "A".repeat(5000)),
                new Credential("expired-key", "Authorization", "Bearer " + expiring.path("token")),
                new Credential("revoked-key", "Authorization", "Bearer " + revoked),
                new Credential("forged-session", "Cookie", "JSESSIONID=" + UUID.randomUUID()),
                new Credential("viewer-key", "Authorization", "Bearer " + viewerKey),
                new Credential("other-organisation", "Authorization", "Bearer " + attackerKey),
                new Credential("admin-key", "Authorization", "Bearer " + fuzzKey));
        List<String> pathValues = new ArrayList<>(List.of(UUID.randomUUID().toString(), "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f",
                "' OR '1'='1", "%3Cscript%3E", "-1", "x".repeat(3000), "null", "%F0%9F%98%80", "%C3%28"));
        List<Body> bodies = bodies();

        List<Request> requests = new ArrayList<>();
        int bodyTurn = 0;
        for (Operation op : operations) {
            for (Credential credential : credentials) {
                // With the victim's own admin key, only ids that are not the victim's: a valid id with a valid body could
                // rightly change data. Everyone else gets the victim's real ids too.
                List<String> ids = new ArrayList<>(pathValues);
                if (!credential.name().equals("admin-key")) {
                    ids.addAll(victimIds);
                }
                List<String> variants = op.pathParameters().isEmpty() ? List.of("") : ids;
                for (String id : variants) {
                    Body body = op.hasBody() || op.method().equals("POST") || op.method().equals("PUT") || op.method().equals("PATCH")
                            ? bodies.get(bodyTurn++ % bodies.size()) : null;
                    requests.add(new Request(op, credential, id, query(op, bodyTurn), body));
                }
            }
            // Every body variant once more with the admin key on the collection itself (no ids to guess).
            if (op.pathParameters().isEmpty() && op.hasBody()) {
                Credential admin = credentials.get(credentials.size() - 1);
                for (Body body : bodies) {
                    requests.add(new Request(op, admin, "", "", body));
                }
            }
        }
        // Top up to at least 10,000 with hostile query strings on the read operations.
        int extra = 0;
        while (requests.size() < 10_000) {
            Operation op = operations.get(extra % operations.size());
            requests.add(new Request(op, credentials.get(extra % credentials.size()), pathValues.get(extra % pathValues.size()),
                    "?" + "limit=" + URLEncoder.encode(HOSTILE_STRINGS.get(extra % HOSTILE_STRINGS.size()), StandardCharsets.UTF_8)
                            + "&cursor=" + URLEncoder.encode(HOSTILE_STRINGS.get((extra + 3) % HOSTILE_STRINGS.size()), StandardCharsets.UTF_8)
                            + "&from=" + URLEncoder.encode(HOSTILE_STRINGS.get((extra + 7) % HOSTILE_STRINGS.size()), StandardCharsets.UTF_8),
                    null));
            extra++;
        }

        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byFamily = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> notProblems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> successfulChanges = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Collections.shuffle(requests, new java.util.Random(42));
        for (Request request : requests) {
            pool.submit(() -> {
                Outcome response = request.send();
                int status = response.status();
                byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                byFamily.computeIfAbsent(request.op().path().split("/")[1], s -> new AtomicInteger()).incrementAndGet();
                if (status >= 500 || status == -1) {
                    serverErrors.add(status + " " + request.describe() + " " + response.detail());
                } else if (status >= 400 && !response.contentType().startsWith(PROBLEM_JSON)
                        && !request.op().path().startsWith("/status/")) {
                    notProblems.add(status + " " + request.describe() + " " + response.detail());
                } else if (status < 300 && !request.op().method().equals("GET")
                        && !(request.op().method().equals("DELETE") && request.op().path().equals("/sessions/current"))
                        && !request.op().path().startsWith("/otlp/v1/")) {
                    // (signing out is idempotent: without a session there is nothing to end, and nothing changes; an
                    // OTLP export must ignore unknown fields, so a body of none it knows is an empty export, answered 200
                    // as OTLP says: that it stored nothing is what the snapshot of every table below checks)
                    successfulChanges.add(status + " " + request.describe());
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(15, TimeUnit.MINUTES));

        Map<String, Long> after = snapshot(victim, attacker);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/fuzz-findings.txt"), java.util.stream.Stream.of(serverErrors.stream(), notProblems.stream(), successfulChanges.stream())
                .flatMap(x -> x).toList());
        String report = "Fuzz run " + Instant.now() + ": " + requests.size() + " requests over " + operations.size() + " operations in "
                + byFamily.size() + " endpoint families\nby status: " + new TreeMap<>(byStatus) + "\nby family: " + new TreeMap<>(byFamily)
                + "\n5xx or no answer: " + serverErrors.size() + "\nrefusals not problem+json: " + notProblems.size()
                + "\nmutating requests answered 2xx: " + successfulChanges.size() + "\n";
        Files.writeString(Path.of("target/fuzz-report.txt"), report);
        LOG.info(report);

        assertTrue(requests.size() >= 10_000);
        assertTrue(serverErrors.isEmpty(), () -> serverErrors.size() + " server errors, e.g. " + serverErrors.stream().limit(10).toList());
        assertTrue(notProblems.isEmpty(), () -> notProblems.size() + " refusals without a problem document, e.g. " + notProblems.stream().limit(10).toList());
        assertTrue(successfulChanges.isEmpty(), () -> successfulChanges.size() + " changes accepted, e.g. " + successfulChanges.stream().limit(10).toList());
        assertEquals(before, after, "no data of either organisation changed");
        anonymous().get("/status-pages/" + victim.slug()).then().statusCode(200);
        as(victim.adminKey()).get("/services/" + serviceId).then().statusCode(200);
        JsonPath ready = JsonPath.from(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("UP", ready.getString("status"));
    }

    /** What came back: the status (-1: no answer) and content type, or why there was no answer. */
    private record Outcome(int status, String contentType, String detail) {
    }

    private record Request(Operation op, Credential credential, String id, String query, Body body) {
        String uri() {
            String path = op.path();
            for (String parameter : op.pathParameters()) {
                path = path.replace("{" + parameter + "}", id.isEmpty() ? "x" : id);
            }
            return BASE + "/api/v1" + path + query;
        }

        Outcome send() {
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri())).timeout(Duration.ofSeconds(60));
                if (credential.header() != null) {
                    builder.header(credential.header(), credential.value());
                }
                if (credential.header() != null && credential.header().equals("Cookie")) {
                    builder.header("X-Requested-With", "fuzz");
                }
                builder.header("Content-Type", "application/json");
                builder.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
                HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.statusCode() >= 500 || response.statusCode() >= 400
                                && !response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON)
                                ? response.headers().firstValue("Content-Type").orElse("") + " " + response.body() : "");
            } catch (IllegalArgumentException badUri) {
                return sendRaw();
            } catch (java.io.IOException e) {
                return new Outcome(-1, "", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(-1, "", "interrupted");
            }
        }

        /** A URI the client library refuses to build (it checks escapes) is sent with the id percent-encoded instead. */
        private Outcome sendRaw() {
            Request encoded = new Request(op, credential, URLEncoder.encode(id, StandardCharsets.UTF_8), query, body);
            return encoded.id().equals(id) ? new Outcome(-1, "", "the client cannot send this URI") : encoded.send();
        }

        String describe() {
            return op.method() + " " + op.path() + " id=" + clip(id) + " query=" + clip(query) + " as " + credential.name()
                    + (body == null ? "" : " body=" + body.name());
        }

        private static String clip(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }

    /** Every operation of the OpenAPI document under /api/v1 but the test clock (it is there to be moved). */
    private static List<Operation> operations() throws Exception {
        String document = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/openapi")).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Map<String, Object>> paths = JsonPath.from(document).getMap("paths");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            String template = path.getKey().startsWith("/api/v1") ? path.getKey().substring("/api/v1".length()) : path.getKey();
            if (template.startsWith("/test-clock")) {
                continue;
            }
            for (Map.Entry<String, Object> method : path.getValue().entrySet()) {
                if (!(method.getValue() instanceof Map<?, ?> operation) || method.getKey().equals("parameters")) {
                    continue;
                }
                List<String> pathParameters = new ArrayList<>();
                List<String> queryParameters = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
                while (m.find()) {
                    pathParameters.add(m.group(1));
                }
                if (operation.get("parameters") instanceof List<?> parameters) {
                    for (Object p : parameters) {
                        if (p instanceof Map<?, ?> parameter && "query".equals(parameter.get("in"))) {
                            queryParameters.add(String.valueOf(parameter.get("name")));
                        }
                    }
                }
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), template, pathParameters, queryParameters,
                        operation.containsKey("requestBody")));
            }
        }
        return operations;
    }

    private static String query(Operation op, int turn) {
        if (op.queryParameters().isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < op.queryParameters().size(); i++) {
            query.append(i == 0 ? "" : "&").append(URLEncoder.encode(op.queryParameters().get(i), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(HOSTILE_STRINGS.get((turn + i) % HOSTILE_STRINGS.size()), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static List<Body> bodies() {
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("truncated-json", "{\"name\": \"half".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("not-json", "name=value&x=1".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("json-array", "[1,2,3]".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("json-number", "42".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("json-null", "null".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("empty", new byte[0]));
        bodies.add(new Body("unknown-fields-only", "{\"isAdmin\": true, \"organizationId\": \"00000000-0000-0000-0000-000000000000\", \"__proto__\": {}}"
                .getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("wrong-types", "{\"name\": [1], \"slug\": {\"a\": 1}, \"serviceId\": 12, \"targetPercent\": \"high\", \"severity\": 7, \"scope\": [], \"title\": false, \"observations\": \"many\"}"
                .getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("injection-strings", ("{\"name\": \"' OR '1'='1\", \"slug\": \"../../etc/passwd\", \"serviceId\": \"1; DROP TABLE service;--\", "
                + "\"severity\": \"<script>alert(1)</script>\", \"scope\": \"${jndi:ldap://127.0.0.1:1/x}\", \"to\": \"{{7*7}}\"}").getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("deeply-nested", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("deeply-nested-object", ("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)).getBytes(StandardCharsets.UTF_8)));
        byte[] invalidUtf8 = "{\"name\": \"bad \u0000 ".getBytes(StandardCharsets.UTF_8);
        byte[] withBadBytes = new byte[invalidUtf8.length + 5];
        System.arraycopy(invalidUtf8, 0, withBadBytes, 0, invalidUtf8.length);
        withBadBytes[invalidUtf8.length] = (byte) 0xC3;
        withBadBytes[invalidUtf8.length + 1] = (byte) 0x28;
        withBadBytes[invalidUtf8.length + 2] = (byte) 0xFF;
        withBadBytes[invalidUtf8.length + 3] = '"';
        withBadBytes[invalidUtf8.length + 4] = '}';
        bodies.add(new Body("invalid-utf8", withBadBytes));
        StringBuilder array = new StringBuilder("{\"observations\": [");
        for (int i = 0; i < 200_000; i++) {
            array.append(i == 0 ? "" : ",").append("{\"x\":").append(i).append('}');
        }
        bodies.add(new Body("huge-array", array.append("]}").toString().getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("huge-string", ("{\"name\": \"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    /**
     * What the fuzzing must not change: the rows of every table with an organisation column belonging to either
     * organisation (the audit trail among them, which records every change).
     */
    private static Map<String, Long> snapshot(Tenant... tenants) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = Database.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase("organization_id")) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            for (String table : tables) {
                for (Tenant tenant : tenants) {
                    try (PreparedStatement q = c.prepareStatement("select count(*) from " + table + " where organization_id = ?")) {
                        q.setObject(1, UUID.fromString(tenant.organizationId()));
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            counts.put(table.toLowerCase(Locale.ROOT) + "/" + tenant.slug(), rs.getLong(1));
                        }
                    }
                }
            }
        }
        return counts;
    }
}
