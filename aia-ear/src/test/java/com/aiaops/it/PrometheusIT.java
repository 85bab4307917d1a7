package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
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

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scrape endpoints as Prometheus' own tools read them: promtool finds nothing to fix in either, and a real
 * Prometheus (Debian's, started here on a free port) scrapes an organisation's metrics with its VIEWER key and answers
 * a burn-rate query with the value the SLO's status endpoint gives.
 */
class PrometheusIT extends ApiIT {

    private static String sloWithBurningBudget(Tenant tenant, String slug) {
        String serviceId = registerService(tenant.adminKey(), slug);
        String slo = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", slug + "-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99, "window", "28d")).post("/slos").then().statusCode(201).extract().path("id");
        // 5 % of requests fail 20 minutes ago: the 1 h burn rate is 5, still so while this test runs.
        as(issueKey(tenant, "INGEST")).body(batch(spread(slug, Instant.now().minus(Duration.ofMinutes(20)), 5, 1000, 50, 40)))
                .post("/telemetry/observations").then().statusCode(200);
        return slo;
    }

    @Test
    void promtool_finds_nothing_to_fix_in_the_organisation_scrape_nor_the_platform_scrape() throws Exception {
        Tenant tenant = newTenant();
        sloWithBurningBudget(tenant, "ledger");
        String viewer = issueKey(tenant, "VIEWER");
        String text = as(viewer).get("/metrics").then().statusCode(200).contentType(startsWith("text/plain")).contentType(containsString("version=0.0.4"))
                .body(containsString("aia_slo_burn_rate{service=\"ledger\",slo=\"ledger-availability\",window=")).extract().asString();
        assertEquals("", promtool(text));
        as(viewer).header("Accept", "application/openmetrics-text; version=1.0.0").get("/metrics").then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text")).body(endsWith("# EOF\n"));

        // Another organisation's scrape does not hold this one's SLOs; the platform's is the operators' alone.
        Tenant other = newTenant();
        as(issueKey(other, "VIEWER")).get("/metrics").then().statusCode(200).body(not(containsString("ledger")));
        as(tenant.adminKey()).get("/metrics/platform").then().statusCode(404);
        as(tenant.adminKey()).get("/services").then().statusCode(200);
        String platform = as(operatorKey()).get("/metrics/platform").then().statusCode(200)
                .body(containsString("aia_http_server_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/services\",status=\"200\",le=\"+Inf\"}"))
                // the node's JVM, named as promtool wants (the management port's own names end in _count)
                .body(containsString("jvm_memory_used_bytes{area=\"heap\"}")).body(containsString("jvm_gc_collection_seconds_total{gc="))
                // the connection pools, read from WildFly's model (its own endpoint names them ..._count)
                .body(containsString("aia_datasource_connections_open{datasource=\"AiaDS\"}"))
                .body(containsString("aia_datasource_connection_wait_seconds_total{datasource=\"AiaDS\"}"))
                .extract().asString();
        assertEquals("", promtool(platform));
    }

    /**
     * WildFly's own endpoint on the management port exposes no subsystem (their gauges end in _count); what promtool
     * still finds there is WildFly's JVM base set, these five names exactly, which no setting renames.
     */
    @Test
    void the_management_ports_metrics_hold_only_wildflys_jvm_base_set() throws Exception {
        // A message through the fault-tolerant sender first: SmallRye Fault Tolerance's meters (camelCase) would appear now.
        Tenant tenant = newTenant();
        try (Receiver receiver = new Receiver()) {
            String channel = as(tenant.adminKey()).body(Map.of("name", "hook", "type", "WEBHOOK", "target", receiver.url()))
                    .post("/notification-channels").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).post("/notification-channels/" + channel + "/tests").then().statusCode(202);
            eventually(java.time.Duration.ofSeconds(30), () -> assertEquals(1, receiver.accepted().size()));
        }
        String wildfly = io.restassured.RestAssured.given().baseUri("http://127.0.0.1:" + (9990 + PORT_OFFSET)).basePath("")
                .get("/metrics").then().statusCode(200).extract().asString();
        String said = lint(wildfly).said();
        assertEquals(java.util.Set.of("classloader_loaded_classes_count", "system_cpu_count", "thread_count", "thread_daemon_count",
                "thread_max_count"), said.lines().map(line -> line.split(" ")[0]).collect(java.util.stream.Collectors.toSet()), said);
        assertTrue(!wildfly.contains("datasources_") && !wildfly.contains("undertow_"), "no subsystem is exposed");
    }

    /**
     * Every service's five-minute gauges come from one read of all of them, each with its own numbers; open incidents are
     * counted by severity in the database, so more than a page of them (200) is counted in full.
     */
    @Test
    void the_scrape_holds_each_services_own_window_and_counts_every_open_incident_by_severity() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "orders");
        registerService(tenant.adminKey(), "billing");
        String quiet = registerService(tenant.adminKey(), "quiet");
        // Three minutes back from this minute's start: inside the scrape's last five complete minutes while this test runs.
        Instant minute = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        String ingest = issueKey(tenant, "INGEST");
        as(ingest).body(batch(spread("orders", minute, 1, 120, 6, 40))).post("/telemetry/observations").then().statusCode(200);
        as(ingest).body(batch(spread("billing", minute, 1, 30, 0, 900))).post("/telemetry/observations").then().statusCode(200);
        for (int i = 0; i < 201; i++) {
            as(tenant.adminKey()).body(Map.of("title", "Noise " + i, "severity", "P3", "serviceIds", List.of(quiet))).post("/incidents").then().statusCode(201);
        }
        String acknowledged = as(tenant.adminKey()).body(Map.of("title", "Slow invoices", "severity", "P1", "serviceIds", List.of(quiet))).post("/incidents").then()
                .statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("to", "ACKNOWLEDGED")).post("/incidents/" + acknowledged + "/transitions").then().statusCode(200);
        String resolved = as(tenant.adminKey()).body(Map.of("title", "Blip", "severity", "P1", "serviceIds", List.of(quiet))).post("/incidents").then()
                .statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("to", "RESOLVED")).post("/incidents/" + resolved + "/transitions").then().statusCode(200);

        String text = as(issueKey(tenant, "VIEWER")).get("/metrics").then().statusCode(200).extract().asString();
        assertEquals(120, sample(text, "aia_service_requests{service=\"orders\",window=\"5m\"}"));
        assertEquals(6, sample(text, "aia_service_errors{service=\"orders\",window=\"5m\"}"));
        assertEquals(30, sample(text, "aia_service_requests{service=\"billing\",window=\"5m\"}"));
        assertEquals(0, sample(text, "aia_service_errors{service=\"billing\",window=\"5m\"}"));
        assertEquals(0, sample(text, "aia_service_requests{service=\"quiet\",window=\"5m\"}"));
        // Sketch quantiles are within 1 % of the true latency.
        assertEquals(0.9, sample(text, "aia_service_request_latency_seconds{service=\"billing\",quantile=\"0.99\",window=\"5m\"}"), 0.009);
        assertEquals(0.04, sample(text, "aia_service_request_latency_seconds{service=\"orders\",quantile=\"0.5\",window=\"5m\"}"), 0.0004);
        assertEquals(0, sample(text, "aia_incidents_open{severity=\"P0\"}"));
        assertEquals(1, sample(text, "aia_incidents_open{severity=\"P1\"}"));
        assertEquals(0, sample(text, "aia_incidents_open{severity=\"P2\"}"));
        assertEquals(201, sample(text, "aia_incidents_open{severity=\"P3\"}"));
    }

    /**
     * A scrape is kept on its node until the minute's end, under everything it reads: a scrape right after any change of
     * those shows it — telemetry, a deployment, an SLO, a heartbeat check's beat and its deletion, an incident, a budget and its cost lines, a
     * new service — in both exposition formats.
     */
    @Test
    void a_kept_scrape_follows_every_change_it_reads() {
        Tenant tenant = newTenant();
        String orders = registerService(tenant.adminKey(), "orders");
        String viewer = issueKey(tenant, "VIEWER");
        String ingest = issueKey(tenant, "INGEST");
        Instant minute = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        as(ingest).body(batch(spread("orders", minute, 1, 120, 6, 40))).post("/telemetry/observations").then().statusCode(200);
        assertEquals(120, sample(scrape(viewer), "aia_service_requests{service=\"orders\",window=\"5m\"}"));
        String openMetrics = as(viewer).header("Accept", "application/openmetrics-text; version=1.0.0").get("/metrics").then().statusCode(200)
                .extract().asString();
        assertEquals(120, sample(openMetrics, "aia_service_requests{service=\"orders\",window=\"5m\"}"));

        as(ingest).body(batch(spread("orders", minute, 1, 10, 0, 40))).post("/telemetry/observations").then().statusCode(200);
        assertEquals(130, sample(scrape(viewer), "aia_service_requests{service=\"orders\",window=\"5m\"}"));
        assertEquals(130, sample(as(viewer).header("Accept", "application/openmetrics-text; version=1.0.0").get("/metrics").then()
                .extract().asString(), "aia_service_requests{service=\"orders\",window=\"5m\"}"));

        // Before the SLO: its budget is spent at once, which would freeze the release.
        Instant finished = Instant.now().minusSeconds(60);
        as(tenant.adminKey()).body(Map.of("serviceId", orders, "version", "v1", "environment", "production", "commits",
                List.of(Map.of("sha", "a1b2c3d4e5f6", "committedAt", finished.minus(Duration.ofHours(2)).toString())),
                "startedAt", finished.minusSeconds(300).toString(), "finishedAt", finished.toString(), "result", "SUCCESS"))
                .post("/deployments").then().statusCode(201);
        assertEquals(7200, sample(scrape(viewer), "aia_dora_lead_time_seconds{window=\"30d\"}"), 1);

        as(tenant.adminKey()).body(Map.of("serviceId", orders, "name", "orders-availability", "indicator", "AVAILABILITY",
                "targetPercent", 99, "window", "28d")).post("/slos").then().statusCode(201);
        assertEquals(0.99, sample(scrape(viewer), "aia_slo_objective_ratio{service=\"orders\",slo=\"orders-availability\"}"), 1e-9);

        Map<String, Object> heartbeat = new java.util.HashMap<>(Map.of("serviceId", orders, "name", "nightly", "kind", "HEARTBEAT",
                "intervalSeconds", 60, "graceSeconds", 30));
        JsonPath check = as(tenant.adminKey()).body(heartbeat).post("/checks").then().statusCode(201).extract().jsonPath();
        assertTrue(scrape(viewer).lines().noneMatch(line -> line.startsWith("aia_check_up{")), "no verdict yet");
        RestAssured.given().post(check.getString("heartbeatUrl")).then().statusCode(200); // a beat: telemetry of the service too
        assertEquals(1, sample(scrape(viewer), "aia_check_up{service=\"orders\",check=\"nightly\"}"));
        as(tenant.adminKey()).delete("/checks/" + check.getString("id")).then().statusCode(204); // only the check changes
        assertTrue(scrape(viewer).lines().noneMatch(line -> line.startsWith("aia_check_up{")), "the check is gone");

        as(tenant.adminKey()).body(Map.of("title", "Slow orders", "severity", "P2", "serviceIds", List.of(orders))).post("/incidents").then()
                .statusCode(201);
        assertEquals(1, sample(scrape(viewer), "aia_incidents_open{severity=\"P2\"}"));

        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        as(tenant.adminKey()).body(Map.of("name", "all", "scope", "ORGANIZATION", "monthlyAmount", 300, "currency", "USD"))
                .post("/cost/budgets").then().statusCode(201);
        String budget = "{budget=\"all\",currency=\"USD\",month=\"" + month + "\"}";
        assertEquals(0, sample(scrape(viewer), "aia_cost_budget_actual" + budget));
        CostIT.csv(tenant.adminKey()).body(CostIT.file(List.of(CostIT.row(month.atDay(1), "2.50", "Compute", "VM", "orders", null))))
                .post("/cost/imports").then().statusCode(201);
        assertEquals(2.5, sample(scrape(viewer), "aia_cost_budget_actual" + budget), 1e-9);

        registerService(tenant.adminKey(), "late");
        assertEquals(0, sample(scrape(viewer), "aia_service_requests{service=\"late\",window=\"5m\"}"));
    }

    private static String scrape(String viewer) {
        return as(viewer).get("/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the one sample named so (metric and labels as exposed), failing when it is absent. */
    private static double sample(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + exposition));
    }

    @Test
    void a_real_prometheus_scrapes_the_slo_metrics_and_answers_a_burn_rate_query_as_the_status_does() throws Exception {
        Tenant tenant = newTenant();
        String slo = sloWithBurningBudget(tenant, "payments");
        JsonPath status = as(tenant.adminKey()).get("/slos/" + slo + "/status").then().statusCode(200).extract().jsonPath();
        String window = "1h";
        double burnRate = status.getDouble("burnRates.find { it.window == '1h' }.burnRate");
        assertTrue(burnRate > 1, "the budget burns: " + burnRate);

        Path home = Files.createTempDirectory("aia-prometheus");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(home.resolve("prometheus.yml"), String.join("\n",
                "global:", "  scrape_interval: 1s", "  scrape_timeout: 1s",
                "scrape_configs:", "  - job_name: aia-ops", "    metrics_path: /api/v1/metrics",
                "    authorization:", "      credentials: " + issueKey(tenant, "VIEWER"),
                "    static_configs:", "      - targets: ['127.0.0.1:" + (8080 + PORT_OFFSET) + "']", ""));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
        try {
            String query = "aia_slo_burn_rate{job=\"aia-ops\",service=\"payments\",slo=\"payments-availability\",window=\"" + window + "\"}";
            eventually(Duration.ofSeconds(60), () -> {
                JsonPath answer;
                try {
                    answer = RestAssured.given().baseUri("http://127.0.0.1:" + port).basePath("").queryParam("query", query)
                            .get("/api/v1/query").then().statusCode(200).body("status", equalTo("success")).extract().jsonPath();
                } catch (Exception notListeningYet) { // RestAssured throws ConnectException unchecked
                    throw new AssertionError("Prometheus does not answer yet: " + notListeningYet.getMessage(), notListeningYet);
                }
                List<Object> result = answer.getList("data.result");
                assertEquals(1, result.size(), "one series for " + query + ": " + answer.prettify());
                assertEquals(burnRate, Double.parseDouble(answer.getString("data.result[0].value[1]")), 1e-9);
            });
            // The scrape itself is healthy: Prometheus read our OpenMetrics without a complaint.
            RestAssured.given().baseUri("http://127.0.0.1:" + port).basePath("").queryParam("query", "up{job=\"aia-ops\"}")
                    .get("/api/v1/query").then().body("data.result[0].value[1]", equalTo("1"));
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The Grafana dashboard shipped in docs/grafana: every query is PromQL that promtool accepts (as recording rules), and
     * every metric it reads is one our scrapes define.
     */
    @Test
    void the_grafana_dashboard_queries_are_valid_promql_over_metrics_we_expose() throws Exception {
        JsonPath dashboard = JsonPath.from(Files.readString(Path.of("..", "docs", "grafana", "aia-ops.json")));
        List<String> expressions = dashboard.getList("panels.targets.flatten().expr");
        assertTrue(expressions.size() >= 15, "the dashboard has its queries: " + expressions.size());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            String expr = expressions.get(i).replace("$service", ".*").replace("\"", "\\\"");
            rules.append("      - record: dashboard:query_").append(i).append("\n        expr: \"").append(expr).append("\"\n");
        }
        Path file = Files.createTempFile("aia-dashboard", ".rules.yml");
        Files.writeString(file, rules);
        Process check = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, check.exitValue(), said + "\n" + rules);

        Tenant tenant = newTenant();
        String defined = as(issueKey(tenant, "VIEWER")).get("/metrics").then().statusCode(200).extract().asString()
                + as(operatorKey()).get("/metrics/platform").then().statusCode(200).extract().asString();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("aia_[a-z_]+").matcher(String.join("\n", expressions));
        while (names.find()) {
            String name = names.group().replaceAll("_(bucket|sum|count)$", "");
            assertTrue(defined.contains("# TYPE " + name + " "), name + " is exposed");
        }
    }

    /** What promtool says of a scrape: nothing when nothing is to be fixed. */
    /** What promtool's lint says of an exposition, which must pass. */
    private static String promtool(String exposition) throws IOException, InterruptedException {
        Lint lint = lint(exposition);
        assertEquals(0, lint.exit(), lint.said());
        return lint.said();
    }

    private record Lint(int exit, String said) {
    }

    private static Lint lint(String exposition) throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool finished");
        return new Lint(promtool.exitValue(), said);
    }
}
