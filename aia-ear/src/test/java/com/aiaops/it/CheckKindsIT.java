package com.aiaops.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.restassured.RestAssured;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks beyond an HTTP status, each against a real local counterpart: a keyword and a JSON value in a body, a TCP
 * port, a TLS certificate made by keytool that expires in five days, and a heartbeat that is missed and comes back.
 */
class CheckKindsIT extends ApiIT {

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    private static Map<String, Object> check(String serviceId, String kind, String url) {
        Map<String, Object> check = new HashMap<>();
        check.put("serviceId", serviceId);
        check.put("name", unique(kind.toLowerCase()));
        check.put("kind", kind);
        if (url != null) {
            check.put("url", url);
        }
        check.put("intervalSeconds", 60);
        check.put("enabled", false);
        return check;
    }

    private static String define(Tenant tenant, Map<String, Object> check) {
        return as(tenant.adminKey()).body(check).post("/checks").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse run(Tenant tenant, String id) {
        return as(tenant.adminKey()).post("/checks/" + id + "/runs").then().statusCode(200);
    }

    @Test
    void httpBodiesAreJudgedByKeywordAndJsonValue() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "api");
        AtomicReference<String> body = new AtomicReference<>("{\"status\":\"ok\",\"checks\":[{\"name\":\"db\",\"up\":true}]}");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
            Map<String, Object> keyword = check(serviceId, "HTTP", url);
            keyword.put("bodyContains", "\"ok\"");
            String keywordCheck = define(tenant, keyword);
            Map<String, Object> json = check(serviceId, "HTTP", url);
            json.put("jsonPath", "$.checks[0]['up']");
            json.put("jsonExpected", "true");
            String jsonCheck = define(tenant, json);
            run(tenant, keywordCheck).body("up", equalTo(true)).body("httpStatus", equalTo(200));
            run(tenant, jsonCheck).body("up", equalTo(true));

            body.set("{\"status\":\"degraded\",\"checks\":[{\"name\":\"db\",\"up\":false}]}");
            run(tenant, keywordCheck).body("up", equalTo(false)).body("error", equalTo("the body does not contain \"\"ok\"\""));
            run(tenant, jsonCheck).body("up", equalTo(false)).body("error", equalTo("$.checks[0]['up'] is false, expected true"));
            body.set("<html>maintenance</html>");
            run(tenant, jsonCheck).body("up", equalTo(false)).body("error", startsWith("the body is not JSON"));
            as(tenant.adminKey()).get("/checks/" + jsonCheck).then().body("status", equalTo("DOWN"))
                    .body("jsonPath", equalTo("$.checks[0]['up']")).body("kind", equalTo("HTTP"));

            // Paths that name many values, and assertions where they mean nothing, are refused at their field.
            Map<String, Object> wildcard = check(serviceId, "HTTP", url);
            wildcard.put("jsonPath", "$..up");
            as(tenant.adminKey()).body(wildcard).post("/checks").then().statusCode(400).body("errors[0].field", equalTo("jsonPath"));
            Map<String, Object> orphan = check(serviceId, "HTTP", url);
            orphan.put("jsonExpected", "true");
            as(tenant.adminKey()).body(orphan).post("/checks").then().statusCode(400).body("errors[0].field", equalTo("jsonExpected"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTcpPortIsUpWhileItAcceptsConnections() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "db");
        int port;
        String id;
        try (ServerSocket listening = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = listening.getLocalPort();
            id = define(tenant, check(serviceId, "TCP", "tcp://127.0.0.1:" + port));
            run(tenant, id).body("up", equalTo(true)).body("latencyMillis", notNullValue()).body("httpStatus", nullValue());
        }
        run(tenant, id).body("up", equalTo(false)).body("error", containsString("connection failed"));
        as(tenant.adminKey()).body(check(serviceId, "TCP", "tcp://127.0.0.1")).post("/checks").then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        as(tenant.adminKey()).body(check(serviceId, "TCP", "http://127.0.0.1:" + port)).post("/checks").then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        Map<String, Object> assertion = check(serviceId, "TCP", "tcp://127.0.0.1:" + port);
        assertion.put("bodyContains", "x");
        as(tenant.adminKey()).body(assertion).post("/checks").then().statusCode(400).body("errors[0].field", equalTo("bodyContains"));
    }

    /** A PKCS#12 key store with a self-signed certificate for 127.0.0.1, valid for the days given, made by keytool. */
    private static KeyStore keyStore(Path dir, int validityDays) throws Exception {
        Path file = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", String.valueOf(validityDays), "-keystore", file.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    @Test
    void aCertificateThatExpiresSoonIsDownBeforeItExpires() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "shop");
        Path dir = Files.createTempDirectory("aia-tls");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(dir, 5), "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            // Not from a trusted authority: verified (the default), the handshake fails and the check is down.
            String verified = define(tenant, check(serviceId, "TLS", url));
            run(tenant, verified).body("up", equalTo(false)).body("error", startsWith("TLS handshake failed"));

            // Told not to verify (a private CA one trusts otherwise): only the dates are judged.
            Map<String, Object> unverified = check(serviceId, "TLS", url);
            unverified.put("tlsVerify", false);
            String fourteen = define(tenant, unverified);
            run(tenant, fourteen).body("up", equalTo(false)).body("error", startsWith("the certificate expires in 4 days"))
                    .body("certificateExpiresAt", notNullValue());
            Instant expires = Instant.parse(as(tenant.adminKey()).get("/checks/" + fourteen).then().body("status", equalTo("DOWN"))
                    .body("tlsMinDays", nullValue()).extract().path("tlsExpiresAt"));
            assertTrue(Duration.between(Instant.now(), expires).toHours() > 24 * 4, expires::toString);
            unverified.put("name", unique("tls-three"));
            unverified.put("tlsMinDays", 3);
            String three = define(tenant, unverified);
            run(tenant, three).body("up", equalTo(true));
            // Scraped by Prometheus, the expiry is a timestamp to alert on (expiry - time() < 14 * 86400).
            String metrics = as(issueKey(tenant, "VIEWER")).get("/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("aia_check_tls_certificate_expiry_timestamp_seconds{service=\"shop\",check=\""
                    + unverified.get("name") + "\"} " + expires.getEpochSecond()), metrics);
            // Six days on, it has expired.
            clockAhead(Duration.ofDays(6));
            run(tenant, three).body("up", equalTo(false)).body("error", startsWith("the certificate expired at"));

            as(tenant.adminKey()).body(check(serviceId, "TLS", "http://127.0.0.1:1/")).post("/checks").then().statusCode(400)
                    .body("errors[0].field", equalTo("url"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissedHeartbeatIsDownAndTheNextBeatBringsItBack() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "nightly");
        Map<String, Object> heartbeat = check(serviceId, "HEARTBEAT", null);
        heartbeat.put("graceSeconds", 30);
        var created = as(tenant.adminKey()).body(heartbeat).post("/checks").then().statusCode(201)
                .body("kind", equalTo("HEARTBEAT")).body("heartbeatUrl", notNullValue()).extract().jsonPath();
        String id = created.getString("id");
        String beatUrl = created.getString("heartbeatUrl");
        assertTrue(beatUrl.matches("http://.*/api/v1/heartbeats/[A-Za-z0-9_-]{32}"), beatUrl);
        as(tenant.adminKey()).get("/checks/" + id).then().body("heartbeatUrl", nullValue()).body("status", equalTo("UNKNOWN"));

        // The beat needs no credential but its address; GET works as in a crontab's curl.
        RestAssured.given().post(beatUrl).then().statusCode(200);
        as(tenant.adminKey()).get("/checks/" + id).then().body("status", equalTo("UP")).body("lastBeatAt", notNullValue());

        clockAhead(Duration.ofSeconds(60 + 25)); // within the grace
        run(tenant, id).body("up", equalTo(true));
        clockAhead(Duration.ofSeconds(60 + 31)); // past it
        run(tenant, id).body("up", equalTo(false)).body("error", startsWith("no beat since"));
        as(tenant.adminKey()).get("/checks/" + id).then().body("status", equalTo("DOWN"));
        RestAssured.given().get(beatUrl).then().statusCode(200);
        as(tenant.adminKey()).get("/checks/" + id).then().body("status", equalTo("UP"));
        List<Boolean> runs = as(tenant.adminKey()).queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofHours(1)).toString())
                .get("/checks/" + id + "/results").then().statusCode(200).extract().path("items.up");
        assertEquals(List.of(true, false, true), runs);

        anonymous().post("/heartbeats/" + "A".repeat(32)).then().statusCode(404).contentType(PROBLEM_JSON);
        anonymous().post("/heartbeats/short").then().statusCode(404);
        Map<String, Object> withUrl = check(serviceId, "HEARTBEAT", "http://127.0.0.1:1/");
        as(tenant.adminKey()).body(withUrl).post("/checks").then().statusCode(400).body("errors[0].field", equalTo("url"));
    }
}
