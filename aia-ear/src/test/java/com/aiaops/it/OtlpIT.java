package com.aiaops.it;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OTLP/HTTP spoken by the real client: the OpenTelemetry Java SDK, configured as its users configure it (the
 * {@code OTEL_EXPORTER_OTLP_*} settings, here as properties), exports spans and metrics in protobuf and in JSON; and
 * the JSON examples the OTLP specification's repository publishes.
 */
class OtlpIT extends ApiIT {
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    /** An SDK set up through its own autoconfiguration, as {@code OTEL_*} environment variables would. */
    private static OpenTelemetrySdk sdk(String ingestKey, String serviceName, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", serviceName);
        properties.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/otlp");
        properties.put("otel.exporter.otlp.headers", "Authorization=Bearer%20" + ingestKey);
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        properties.put("otel.traces.exporter", "otlp");
        properties.put("otel.metrics.exporter", "otlp");
        properties.put("otel.logs.exporter", "none");
        properties.put("otel.metric.export.interval", "3600000"); // exported when the test flushes, not on a timer
        properties.putAll(more);
        return AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> properties).disableShutdownHook()
                .build().getOpenTelemetrySdk();
    }

    private static void flushed(CompletableResultCode result) {
        assertTrue(result.join(20, TimeUnit.SECONDS).isSuccess(), "the SDK's export succeeded");
    }

    private static Map<String, Object> summary(String key, String serviceId) {
        return as(key).queryParam("from", Instant.now().minusSeconds(3600).toString())
                .queryParam("to", Instant.now().plusSeconds(120).toString()).queryParam("quantiles", "0.5")
                .get("/services/" + serviceId + "/telemetry").then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static void serverSpan(Tracer tracer, Instant start, long millis, long status, boolean error) {
        Span span = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).setStartTimestamp(start)
                .setAttribute(STATUS, status).startSpan();
        if (error) {
            span.setStatus(StatusCode.ERROR, "handler threw");
        }
        span.end(start.plusMillis(millis));
    }

    /**
     * The SDK's exporters write OTLP JSON behind a switch of their internal builder (its declarative configuration's
     * {@code otlp_http} with {@code encoding: json} uses it); reached here so that the SDK's own JSON encoder is what we read.
     */
    private static void asJson(Object exporterBuilder) throws ReflectiveOperationException {
        Field delegate = exporterBuilder.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        Object http = delegate.get(exporterBuilder);
        http.getClass().getMethod("exportAsJson").invoke(http);
    }

    private static SdkTracerProvider tracers(String ingestKey, String serviceName, boolean json) throws ReflectiveOperationException {
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/otlp/v1/traces")
                .addHeader("Authorization", "Bearer " + ingestKey).setCompression(json ? "gzip" : "none");
        if (json) {
            asJson(builder);
        }
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(BatchSpanProcessor.builder(builder.build()).build()).build();
    }

    @Test
    void server_spans_from_the_sdk_become_requests_in_protobuf_and_in_gzipped_json() throws ReflectiveOperationException {
        for (boolean json : List.of(false, true)) {
            Tenant tenant = newTenant();
            String serviceId = registerService(tenant.adminKey(), "checkout");
            String ingest = issueKey(tenant, "INGEST");
            try (SdkTracerProvider provider = json ? tracers(ingest, "checkout", true) : null) {
                OpenTelemetrySdk sdk = json ? null : sdk(ingest, "checkout", Map.of("otel.metrics.exporter", "none"));
                Tracer tracer = json ? provider.get("orders") : sdk.getTracer("orders");
                Instant start = Instant.now().minusSeconds(30);
                for (int i = 0; i < 6; i++) {
                    serverSpan(tracer, start, 100, 200, false);
                }
                serverSpan(tracer, start, 100, 200, true); // the instrumentation recorded an error: bad by default
                serverSpan(tracer, start, 100, 503, false);
                serverSpan(tracer, start, 100, 500, false);
                serverSpan(tracer, start, 100, 404, false); // the client's mistake spends no budget
                for (int i = 0; i < 3; i++) { // calls this service made: not requests to it
                    tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
                }
                if (json) {
                    flushed(provider.forceFlush());
                } else {
                    flushed(sdk.getSdkTracerProvider().forceFlush());
                    sdk.close();
                }
            }
            Map<String, Object> summary = summary(tenant.adminKey(), serviceId);
            assertEquals(10, ((Number) summary.get("requests")).intValue(), json ? "json" : "protobuf");
            assertEquals(7, ((Number) summary.get("goodRequests")).intValue(), json ? "json" : "protobuf");
        }
    }

    @Test
    void cumulative_histograms_count_each_request_once_however_often_they_are_exported() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "payments");
        String ingest = issueKey(tenant, "INGEST");
        OpenTelemetrySdk sdk = sdk(ingest, "payments", Map.of()); // cumulative temporality: the SDK's default
        try {
            DoubleHistogram duration = sdk.getMeter("http").histogramBuilder("http.server.request.duration").setUnit("s")
                    .setExplicitBucketBoundariesAdvice(List.of(0.1, 0.25, 0.5, 1.0)).build();
            Attributes ok = Attributes.of(STATUS, 200L);
            Attributes failed = Attributes.of(STATUS, 500L);
            for (int i = 0; i < 5; i++) {
                duration.record(0.2, ok);
            }
            duration.record(0.4, failed);
            duration.record(0.4, failed);
            flushed(sdk.getSdkMeterProvider().forceFlush());
            Map<String, Object> first = summary(tenant.adminKey(), serviceId);
            assertEquals(7, ((Number) first.get("requests")).intValue());
            assertEquals(5, ((Number) first.get("goodRequests")).intValue());

            for (int i = 0; i < 3; i++) {
                duration.record(0.05, ok);
            }
            flushed(sdk.getSdkMeterProvider().forceFlush());
            flushed(sdk.getSdkMeterProvider().forceFlush()); // the same cumulative counts again: nothing new
            Map<String, Object> after = summary(tenant.adminKey(), serviceId);
            assertEquals(10, ((Number) after.get("requests")).intValue());
            assertEquals(8, ((Number) after.get("goodRequests")).intValue());
            // 0.2 s lies in the bucket (0.1, 0.25]: counted at its upper bound, 250 ms (the sketch's 1 % error)
            @SuppressWarnings("unchecked")
            double median = ((Number) ((Map<String, Object>) after.get("latencyMs")).get("p50")).doubleValue();
            assertTrue(median > 247 && median < 253, "p50 " + median);
        } finally {
            sdk.close();
        }
    }

    /** Delta temporality and exponential buckets, as a user chooses them; OTLP JSON as the SDK writes it. */
    private static SdkMeterProvider jsonDeltaExponentialMeters(String ingestKey, String serviceName) throws ReflectiveOperationException {
        OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
                .setEndpoint("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/v1/otlp/v1/metrics")
                .addHeader("Authorization", "Bearer " + ingestKey)
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                .setDefaultAggregationSelector(DefaultAggregationSelector.getDefault()
                        .with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram()));
        asJson(builder);
        return SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .registerMetricReader(PeriodicMetricReader.builder(builder.build()).setInterval(java.time.Duration.ofHours(1)).build())
                .build();
    }

    @Test
    void delta_exponential_histograms_in_json_are_counted_as_they_come() throws ReflectiveOperationException {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "search");
        String ingest = issueKey(tenant, "INGEST");
        try (SdkMeterProvider meters = jsonDeltaExponentialMeters(ingest, "search")) {
            DoubleHistogram duration = meters.get("http").histogramBuilder("http.server.request.duration").setUnit("s").build();
            for (int i = 0; i < 4; i++) {
                duration.record(0.05, Attributes.of(STATUS, 200L));
            }
            duration.record(1.5, Attributes.of(STATUS, 502L));
            flushed(meters.forceFlush());
            duration.record(0.05, Attributes.of(STATUS, 200L));
            flushed(meters.forceFlush());
        }
        Map<String, Object> summary = summary(tenant.adminKey(), serviceId);
        assertEquals(6, ((Number) summary.get("requests")).intValue());
        assertEquals(5, ((Number) summary.get("goodRequests")).intValue());
    }

    private static String example(String name) {
        try (InputStream in = OtlpIT.class.getResourceAsStream("/otlp/public/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_published_json_examples_are_answered_as_otlp_says() {
        Tenant tenant = newTenant();
        String ingest = issueKey(tenant, "INGEST");
        String trace = example("trace.json");
        as(ingest).contentType("application/json; charset=UTF-8").body(trace).post("/otlp/v1/traces").then().statusCode(200)
                .contentType("application/json")
                .body("partialSuccess.rejectedSpans", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("no service 'my-service' for service.name 'my.service'"));
        String serviceId = registerService(tenant.adminKey(), "my-service");
        as(ingest).contentType("application/json; charset=UTF-8").body(trace).post("/otlp/v1/traces").then().statusCode(200)
                .body("partialSuccess.rejectedSpans", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("older than 7 days"));

        long now = Instant.now().minusSeconds(60).getEpochSecond() * 1_000_000_000L;
        String recent = trace.replace("1544712660000000000", Long.toString(now)).replace("1544712661000000000", Long.toString(now + 1_000_000_000L));
        as(ingest).contentType("application/json; charset=UTF-8").body(recent).post("/otlp/v1/traces").then().statusCode(200)
                .body("partialSuccess", nullValue());
        Map<String, Object> summary = summary(tenant.adminKey(), serviceId);
        assertEquals(1, ((Number) summary.get("requests")).intValue());

        as(ingest).contentType("application/json; charset=UTF-8").body(example("metrics.json")).post("/otlp/v1/metrics").then()
                .statusCode(200).body("partialSuccess.rejectedDataPoints", nullValue())
                .body("partialSuccess.errorMessage", containsString("4 data point(s) of other metrics were not used"));
    }

    @Test
    void hostile_exports_are_refused_and_unknown_services_register_only_when_allowed() {
        Tenant tenant = newTenant();
        String ingest = issueKey(tenant, "INGEST");
        String viewer = issueKey(tenant, "VIEWER");
        byte[] garbage = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        RestAssured.given().header("Authorization", "Bearer " + ingest).contentType("application/x-protobuf").body(garbage)
                .post("/otlp/v1/traces").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:invalid-otlp"));
        RestAssured.given().header("Authorization", "Bearer " + ingest).header("Content-Encoding", "gzip")
                .contentType("application/x-protobuf").body(new byte[] {1, 2, 3}).post("/otlp/v1/traces").then().statusCode(400);
        as(ingest).contentType("application/json; charset=UTF-8").body("{\"resourceSpans\": 7}").post("/otlp/v1/traces")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        as(viewer).contentType("application/json; charset=UTF-8").body("{}").post("/otlp/v1/traces").then().statusCode(403);
        RestAssured.given().contentType("application/json").body("{}").post("/otlp/v1/traces").then().statusCode(401);
        // over the key's rate limit: 429 with Retry-After, which OTLP exporters honour before retrying
        String slow = as(tenant.adminKey()).body(Map.of("name", "slow agent", "scope", "INGEST", "rateLimitPerMinute", 1))
                .post("/api-keys").then().statusCode(201).extract().path("token");
        as(slow).contentType("application/json; charset=UTF-8").body("{}").post("/otlp/v1/traces").then().statusCode(200);
        // Three at most: a minute may begin between two of them (seen on a loaded machine), and then one more passes.
        var refused = as(slow).contentType("application/json; charset=UTF-8").body("{}").post("/otlp/v1/traces").then().extract();
        if (refused.statusCode() == 200) {
            refused = as(slow).contentType("application/json; charset=UTF-8").body("{}").post("/otlp/v1/traces").then().extract();
        }
        refused.response().then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));

        // a gzip bomb: 100 MB of zeros in about 100 KB is refused once it passes the limit, not after
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RestAssured.given().header("Authorization", "Bearer " + ingest).header("Content-Encoding", "gzip")
                .contentType("application/x-protobuf").body(bomb.toByteArray()).post("/otlp/v1/traces").then().statusCode(413);

        OpenTelemetrySdk sdk = sdk(ingest, "Billing.API", Map.of());
        try {
            serverSpan(sdk.getTracer("t"), Instant.now().minusSeconds(5), 20, 200, false);
            flushed(sdk.getSdkTracerProvider().forceFlush()); // refused in part: still a success to the SDK
        } finally {
            sdk.close();
        }
        as(tenant.adminKey()).get("/services").then().statusCode(200).body("items.slug", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem("billing-api")));

        String etag = as(tenant.adminKey()).get("/otlp/settings").then().statusCode(200)
                .body("autoRegisterServices", equalTo(false)).body("failureRule", equalTo("SERVER_ERROR_OR_ERROR_STATUS"))
                .extract().header("ETag");
        as(tenant.adminKey()).header("If-Match", etag).body(Map.of("consumerSpans", false, "autoRegisterServices", true,
                "failureRule", "SERVER_ERROR_OR_ERROR_STATUS", "serviceFailureRules", Map.of())).put("/otlp/settings")
                .then().statusCode(200).body("autoRegisterServices", equalTo(true));
        as(ingest).header("If-Match", "\"1\"").body(Map.of("consumerSpans", true, "autoRegisterServices", true,
                "failureRule", "SERVER_ERROR")).put("/otlp/settings").then().statusCode(403);

        OpenTelemetrySdk again = sdk(ingest, "Billing.API", Map.of());
        try {
            serverSpan(again.getTracer("t"), Instant.now().minusSeconds(5), 20, 200, false);
            flushed(again.getSdkTracerProvider().forceFlush());
        } finally {
            again.close();
        }
        String billing = as(tenant.adminKey()).get("/services").then().statusCode(200)
                .extract().path("items.find { it.slug == 'billing-api' }.id");
        assertEquals(1, ((Number) summary(tenant.adminKey(), billing).get("requests")).intValue()); // acknowledged once stored
        as(tenant.adminKey()).get("/audit-events").then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.hasItems("otlp.settings.changed", "service.registered"));
    }
}
