package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts from the tools organisations run: a real Prometheus Alertmanager (Debian's) fires and resolves an alert into
 * the server; Grafana's webhook message and PagerDuty's Events API v2 as those senders write them; secrets, rotation,
 * removal, last event and last error, and the organisation's walls.
 */
class IntegrationIT extends ApiIT {
    private static String policy(Tenant tenant) {
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        return as(tenant.adminKey()).body(Map.of("name", unique("ops"), "repeats", 1, "steps", List.of(
                        Map.of("delayMinutes", 15, "targets", List.of(Map.of("type", "MEMBER", "id", founder))))))
                .post("/escalation-policies").then().statusCode(201).extract().path("id");
    }

    private static JsonPath integration(Tenant tenant, String kind, String serviceId, String policy) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "name", kind.toLowerCase() + " of checkout", "serviceId", serviceId));
        if (policy != null) {
            body.put("escalationPolicyId", policy);
        }
        return as(tenant.adminKey()).body(body).post("/integrations").then().statusCode(201)
                .body("secret", containsString("aiaint_")).body("integration.kind", equalTo(kind))
                .extract().jsonPath();
    }

    private static List<Map<String, Object>> alertsOf(Tenant tenant, String integrationId) {
        return as(tenant.adminKey()).get("/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.integrationId == '" + integrationId + "' }");
    }

    @Test
    void a_real_alertmanager_fires_and_resolves_an_alert_that_pages_through_an_incident() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        String policy = policy(tenant);
        JsonPath created = integration(tenant, "ALERTMANAGER", serviceId, policy);
        String integrationId = created.getString("integration.id");
        String secret = created.getString("secret");
        assertTrue(created.getString("senderConfiguration.'alertmanager.yml'").contains(secret));

        Path home = Files.createTempDirectory("aia-alertmanager");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(home.resolve("alertmanager.yml"), String.join("\n",
                "route:", "  receiver: aia-ops", "  group_by: ['alertname']", "  group_wait: 0s", "  group_interval: 1s",
                "  repeat_interval: 1h",
                "receivers:", "  - name: aia-ops", "    webhook_configs:",
                "      - url: http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/inbound/alertmanager",
                "        send_resolved: true", "        http_config:", "          authorization:",
                "            credentials: " + secret, ""));
        Process alertmanager = new ProcessBuilder("prometheus-alertmanager", "--config.file=" + home.resolve("alertmanager.yml"),
                "--storage.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(home.resolve("alertmanager.log").toFile()).start();
        try {
            Instant startsAt = Instant.now().minusSeconds(5);
            String alert = "[{\"labels\":{\"alertname\":\"CheckoutErrors\",\"severity\":\"critical\",\"service\":\"checkout\"},"
                    + "\"annotations\":{\"summary\":\"5xx above 5 %% for 5 minutes\"},\"startsAt\":\"" + startsAt + "\"%s}]";
            eventually(Duration.ofSeconds(30), () -> post(port, String.format(alert, "")));
            eventually(Duration.ofSeconds(30), () -> {
                List<Map<String, Object>> alerts = alertsOf(tenant, integrationId);
                assertEquals(1, alerts.size(), "one alert from Alertmanager: " + alerts);
                assertEquals("FIRING", alerts.get(0).get("state"));
                assertEquals("EXTERNAL", alerts.get(0).get("kind"));
                assertEquals("P1", alerts.get(0).get("suggestedSeverity"));
                assertNotNull(alerts.get(0).get("incidentId"), "a critical alert pages: it opened an incident");
            });
            Map<String, Object> fired = alertsOf(tenant, integrationId).get(0);
            String incident = (String) fired.get("incidentId");
            as(tenant.adminKey()).get("/incidents/" + incident).then().statusCode(200).body("state", equalTo("TRIGGERED"))
                    .body("severity", equalTo("P1")).body("escalationPolicyId", equalTo(policy))
                    .body("title", equalTo("CheckoutErrors on Service checkout"));
            as(tenant.adminKey()).get("/integrations/" + integrationId).then().statusCode(200)
                    .body("lastEvent", containsString("1 fired")).body("lastEventAt", notNullValue()).body("lastError", nullValue());

            // resolved at Alertmanager: it tells us, and the incident (whose only alert it was) resolves by itself
            post(port, String.format(alert, ",\"endsAt\":\"" + Instant.now().minusSeconds(1) + "\""));
            eventually(Duration.ofSeconds(30), () -> assertEquals("RESOLVED", alertsOf(tenant, integrationId).get(0).get("state")));
            as(tenant.adminKey()).get("/incidents/" + incident).then().body("state", equalTo("RESOLVED"));
            assertEquals(1, alertsOf(tenant, integrationId).size(), "the same fingerprint: no second alert");
        } finally {
            alertmanager.destroy();
            if (!alertmanager.waitFor(20, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** Posts alerts to Alertmanager's own API, as Prometheus does. */
    private static void post(int port, String alerts) {
        try {
            RestAssured.given().baseUri("http://127.0.0.1:" + port).basePath("").contentType("application/json").body(alerts)
                    .post("/api/v2/alerts").then().statusCode(200);
        } catch (Exception notListeningYet) { // RestAssured throws ConnectException unchecked
            throw new AssertionError("Alertmanager does not answer yet: " + notListeningYet.getMessage(), notListeningYet);
        }
    }

    private static String resource(String name) {
        try (InputStream in = IntegrationIT.class.getResourceAsStream("/integration/public/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void grafanas_webhook_message_deduplicates_by_fingerprint_and_maintenance_mutes_it() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        JsonPath created = integration(tenant, "GRAFANA", serviceId, null);
        String id = created.getString("integration.id");
        String secret = created.getString("secret");
        String message = resource("grafana-webhook.json");
        for (int i = 0; i < 2; i++) {
            RestAssured.given().header("Authorization", "Bearer " + secret).contentType("application/json").body(message)
                    .post("/inbound/grafana").then().statusCode(200).body("received", equalTo(1))
                    .body("alerts[0].outcome", equalTo(i == 0 ? "fired" : "seen-again"));
        }
        List<Map<String, Object>> alerts = alertsOf(tenant, id);
        assertEquals(1, alerts.size());
        assertEquals("fac0861a85de433a", alerts.get(0).get("fingerprint"));
        assertEquals(2.0, ((Number) alerts.get(0).get("occurrences")).doubleValue());
        assertEquals("P2", alerts.get(0).get("suggestedSeverity"));
        assertNotNull(alerts.get(0).get("incidentId"));

        // under maintenance: a new alert is muted and opens no incident
        Instant now = Instant.now();
        String other = registerService(tenant.adminKey(), "billing");
        as(tenant.adminKey()).body(Map.of("serviceId", other, "title", "database upgrade",
                "startsAt", now.minusSeconds(600).toString(), "endsAt", now.plusSeconds(3600).toString()))
                .post("/maintenance-windows").then().statusCode(201);
        JsonPath muted = integration(tenant, "GRAFANA", other, null);
        RestAssured.given().header("Authorization", "Bearer " + muted.getString("secret")).contentType("application/json")
                .body(message).post("/inbound/grafana").then().statusCode(200);
        Map<String, Object> held = alertsOf(tenant, muted.getString("integration.id")).get(0);
        assertEquals("under maintenance: database upgrade", held.get("mutedReason"));
        assertEquals(null, held.get("incidentId"));
    }

    @Test
    void pagerduty_events_v2_trigger_acknowledge_and_resolve_by_dedup_key() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        JsonPath created = integration(tenant, "PAGERDUTY", serviceId, policy(tenant));
        String id = created.getString("integration.id");
        String routingKey = created.getString("secret");
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "Checkout", "position", 0)).post("/status-components")
                .then().statusCode(201);
        // the example event of PagerDuty's Events API v2 documentation, with our routing key
        Map<String, Object> trigger = Map.of("routing_key", routingKey, "event_action", "trigger", "dedup_key", "srv01/HTTP",
                "payload", Map.of("summary", "DISK at 99% on machine prod-datapipe03.example.com", "source",
                        "prod-datapipe03.example.com", "severity", "critical", "component", "mysql", "group", "prod-datapipe",
                        "class", "disk", "custom_details", Map.of("free space", "1%", "ping time", "1500ms", "load avg", 0.75)));
        anonymous().body(trigger).post("/inbound/pagerduty/v2/enqueue").then().statusCode(202)
                .body("status", equalTo("success")).body("dedup_key", equalTo("srv01/HTTP"));
        anonymous().body(trigger).post("/inbound/pagerduty/v2/enqueue").then().statusCode(202);
        List<Map<String, Object>> alerts = alertsOf(tenant, id);
        assertEquals(1, alerts.size(), "one dedup_key, one alert");
        String incident = (String) alerts.get(0).get("incidentId");
        assertNotNull(incident);
        // the status page shows the service's trouble while the external alert and its incident are open
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200)
                .body("components[0].status", org.hamcrest.Matchers.not(equalTo("OPERATIONAL")));

        anonymous().body(Map.of("routing_key", routingKey, "event_action", "acknowledge", "dedup_key", "srv01/HTTP"))
                .post("/inbound/pagerduty/v2/enqueue").then().statusCode(202);
        assertEquals("ACKNOWLEDGED", alertsOf(tenant, id).get(0).get("state"));
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("state", equalTo("ACKNOWLEDGED"));
        anonymous().body(Map.of("routing_key", routingKey, "event_action", "resolve", "dedup_key", "srv01/HTTP"))
                .post("/inbound/pagerduty/v2/enqueue").then().statusCode(202);
        assertEquals("RESOLVED", alertsOf(tenant, id).get(0).get("state"));
        as(tenant.adminKey()).get("/incidents/" + incident).then().body("state", equalTo("RESOLVED"));
        eventually(Duration.ofSeconds(30), () -> // the public page is cached for its 15-second slot
                anonymous().get("/status-pages/" + tenant.slug()).then().body("components[0].status", equalTo("OPERATIONAL")));

        // a trigger without dedup_key gets one, as PagerDuty gives one
        String generated = anonymous().body(Map.of("routing_key", routingKey, "event_action", "trigger",
                        "payload", Map.of("summary", "queue backlog", "source", "worker", "severity", "warning")))
                .post("/inbound/pagerduty/v2/enqueue").then().statusCode(202).extract().path("dedup_key");
        assertEquals(32, generated.length());
        assertEquals("TICKET", alertsOf(tenant, id).stream().filter(a -> generated.equals(a.get("fingerprint"))).findFirst()
                .orElseThrow().get("urgency"));

        // refusals: the payload names its field; a wrong routing key changes nothing
        anonymous().body(Map.of("routing_key", routingKey, "event_action", "trigger", "payload", Map.of("summary", "x", "severity", "urgent")))
                .post("/inbound/pagerduty/v2/enqueue").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("payload.severity"));
        anonymous().body(Map.of("routing_key", "aiaint_wrong", "event_action", "trigger", "dedup_key", "new",
                        "payload", Map.of("summary", "x", "source", "y", "severity", "critical")))
                .post("/inbound/pagerduty/v2/enqueue").then().statusCode(401).contentType(PROBLEM_JSON);
        assertEquals(2, alertsOf(tenant, id).size());
    }

    @Test
    void secrets_rotate_and_die_with_their_integration_and_stay_in_their_organisation() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        JsonPath created = integration(tenant, "ALERTMANAGER", serviceId, null);
        String id = created.getString("integration.id");
        String oldSecret = created.getString("secret");
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},"
                + "\"annotations\":{},\"fingerprint\":\"0123456789abcdef\"}]}";
        String newSecret = as(tenant.adminKey()).post("/integrations/" + id + "/secret").then().statusCode(200)
                .extract().path("secret");
        RestAssured.given().header("Authorization", "Bearer " + oldSecret).contentType("application/json").body(body)
                .post("/inbound/alertmanager").then().statusCode(401).contentType(PROBLEM_JSON);
        RestAssured.given().header("Authorization", "Bearer " + newSecret).contentType("application/json").body(body)
                .post("/inbound/alertmanager").then().statusCode(200);
        // the wrong kind: an Alertmanager secret does not open the Grafana endpoint
        RestAssured.given().header("Authorization", "Bearer " + newSecret).contentType("application/json").body(body)
                .post("/inbound/grafana").then().statusCode(401);
        // a broken payload is the integration's last error
        RestAssured.given().header("Authorization", "Bearer " + newSecret).contentType("application/json")
                .body("{\"alerts\":[{\"status\":\"maybe\"}]}").post("/inbound/alertmanager").then().statusCode(400)
                .body("errors[0].field", equalTo("alerts[0].status"));
        as(tenant.adminKey()).get("/integrations/" + id).then().body("lastError", containsString("alerts[0].status"))
                .body("lastEvent", containsString("1 fired"));

        Tenant other = newTenant();
        as(other.adminKey()).get("/integrations/" + id).then().statusCode(404);
        as(other.adminKey()).get("/integrations").then().body("items.id", org.hamcrest.Matchers.not(hasItems(id)));
        as(other.adminKey()).delete("/integrations/" + id).then().statusCode(404);
        as(issueKey(tenant, "VIEWER")).delete("/integrations/" + id).then().statusCode(403);
        as(tenant.adminKey()).body(Map.of("kind", "GITHUB", "name", "gh", "serviceId", serviceId)).post("/integrations")
                .then().statusCode(400).body("errors[0].field", equalTo("repository"));

        as(tenant.adminKey()).delete("/integrations/" + id).then().statusCode(204);
        RestAssured.given().header("Authorization", "Bearer " + newSecret).contentType("application/json").body(body)
                .post("/inbound/alertmanager").then().statusCode(401);
        as(tenant.adminKey()).get("/audit-events").then().body("items.action",
                hasItems("integration.created", "integration.secret-rotated", "integration.removed"));
    }

    private static String signature(String secret, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static io.restassured.response.ValidatableResponse github(String id, String secret, String event, String file) throws Exception {
        byte[] body = resource("github/" + file).getBytes(StandardCharsets.UTF_8);
        return RestAssured.given().header("X-GitHub-Event", event).header("X-Hub-Signature-256", signature(secret, body))
                .contentType("application/json").body(body).post("/inbound/github/" + id).then();
    }

    @Test
    void githubs_published_payloads_record_a_deployment_with_its_lead_time_and_a_bad_signature_changes_nothing() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "hello-world");
        JsonPath created = as(tenant.adminKey()).body(Map.of("kind", "GITHUB", "name", "hello world repo", "serviceId", serviceId,
                "repository", "Codertocat/Hello-World")).post("/integrations").then().statusCode(201).extract().jsonPath();
        String id = created.getString("integration.id");
        String secret = created.getString("secret");
        assertTrue(created.getString("integration.endpoint").endsWith("/api/v1/inbound/github/" + id));

        // a wrong signature, or one over other bytes, is refused and records nothing
        byte[] body = resource("github/deployment_status-payload.json").getBytes(StandardCharsets.UTF_8);
        RestAssured.given().header("X-GitHub-Event", "deployment_status").header("X-Hub-Signature-256", signature("not-the-secret", body))
                .contentType("application/json").body(body).post("/inbound/github/" + id).then().statusCode(401).contentType(PROBLEM_JSON);
        RestAssured.given().header("X-GitHub-Event", "deployment_status").contentType("application/json").body(body)
                .post("/inbound/github/" + id).then().statusCode(401);

        github(id, secret, "push", "push-1.json").statusCode(200).body("result", containsString("is not a branch"));
        github(id, secret, "push", "push-with-new-branch.json").statusCode(200).body("result", equalTo("1 commit(s) wait for a deployment"));
        github(id, secret, "deployment_status", "deployment_status-gh-pages.json").statusCode(200)
                .body("result", containsString("not finished"));
        github(id, secret, "workflow_run", "workflow_run-completed.json").statusCode(200).body("result", containsString("ignored"));
        String deployment = github(id, secret, "deployment_status", "deployment_status-payload.json").statusCode(200)
                .body("result", equalTo("deployment of master@f95f852bd8fc to production with 1 commit(s)"))
                .extract().path("deploymentId");
        github(id, secret, "deployment_status", "deployment_status-payload.json").statusCode(200)
                .body("result", equalTo("ignored: delivered before"));

        as(tenant.adminKey()).get("/deployments/" + deployment).then().statusCode(200).body("environment", equalTo("production"))
                .body("result", equalTo("SUCCESS")).body("commits[0].sha", equalTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246"))
                .body("startedAt", equalTo("2019-05-15T15:20:53Z")).body("finishedAt", equalTo("2019-05-15T15:20:55Z"));
        // lead time: committed 15:19:25, deployed 15:20:55
        as(tenant.adminKey()).queryParam("serviceId", serviceId).queryParam("from", "2019-05-01T00:00:00Z")
                .queryParam("to", "2019-06-01T00:00:00Z").get("/dora").then().statusCode(200)
                .body("metrics.deployments", equalTo(1)).body("metrics.medianLeadTime", equalTo("PT1M30S"));
        as(tenant.adminKey()).get("/integrations/" + id).then().body("lastEvent", containsString("GitHub deployment_status"));

        // GitHub's payload with another commit and status: a failed deployment, then a newer version, then the first
        // version again over it, which is a rollback of the newer one
        String published = resource("github/deployment_status-payload.json");
        String failed = published.replace("\"state\": \"success\"", "\"state\": \"failure\"").replace("\"id\": 209916254", "\"id\": 902");
        String newer = published.replace("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", "0123456789abcdef0123456789abcdef01234567")
                .replace("\"id\": 209916254", "\"id\": 903");
        String back = published.replace("\"id\": 209916254", "\"id\": 904");
        signed(id, secret, failed).body("result", equalTo("failed deployment of master@f95f852bd8fc to production with 0 commit(s)"));
        signed(id, secret, newer).body("result", equalTo("deployment of master@0123456789ab to production with 0 commit(s)"));
        String rollback = signed(id, secret, back).body("result", startsWith("rollback of master@f95f852bd8fc")).extract().path("deploymentId");
        as(tenant.adminKey()).get("/deployments/" + rollback).then().body("rollbackOf", notNullValue());
        as(tenant.adminKey()).queryParam("serviceId", serviceId).queryParam("from", "2019-05-01T00:00:00Z")
                .queryParam("to", "2019-06-01T00:00:00Z").get("/dora").then().statusCode(200).body("metrics.failedChanges", equalTo(2));
    }

    private static io.restassured.response.ValidatableResponse signed(String id, String secret, String payload) throws Exception {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return RestAssured.given().header("X-GitHub-Event", "deployment_status").header("X-Hub-Signature-256", signature(secret, body))
                .contentType("application/json").body(body).post("/inbound/github/" + id).then().statusCode(200);
    }

    @Test
    void gitlabs_payloads_record_deployments_of_counted_environments_with_their_token() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "deploy-hooks");
        JsonPath created = as(tenant.adminKey()).body(Map.of("kind", "GITLAB", "name", "gitlab project", "serviceId", serviceId,
                "repository", "root/test-deployment-webhooks", "environments", List.of("staging"))).post("/integrations")
                .then().statusCode(201).extract().jsonPath();
        String token = created.getString("secret");
        RestAssured.given().header("X-Gitlab-Token", "aiaint_nope").contentType("application/json").body(resource("gitlab/deployment.json"))
                .post("/inbound/gitlab").then().statusCode(401);
        // another project's push: not this integration's repository
        RestAssured.given().header("X-Gitlab-Token", token).header("X-Gitlab-Event", "Push Hook").contentType("application/json")
                .body(resource("gitlab/push.json")).post("/inbound/gitlab").then().statusCode(200)
                .body("result", containsString("ignored: project mike/diaspora"));
        String deployment = RestAssured.given().header("X-Gitlab-Token", token).header("X-Gitlab-Event", "Deployment Hook")
                .contentType("application/json").body(resource("gitlab/deployment.json")).post("/inbound/gitlab").then().statusCode(200)
                .body("result", equalTo("deployment of 279484c09fbe to staging with 0 commit(s)")).extract().path("deploymentId");
        as(tenant.adminKey()).get("/deployments/" + deployment).then().statusCode(200).body("environment", equalTo("staging"))
                .body("version", equalTo("279484c09fbe"));
        RestAssured.given().header("X-Gitlab-Token", token).contentType("application/json").body(resource("gitlab/deployment.json"))
                .post("/inbound/gitlab").then().statusCode(200).body("result", equalTo("ignored: delivered before"));
    }
}
