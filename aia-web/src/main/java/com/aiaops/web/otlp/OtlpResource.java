package com.aiaops.web.otlp;

import com.aiaops.access.Role;
import com.aiaops.otlp.OtlpIngest;
import com.aiaops.otlp.OtlpOutcome;
import com.aiaops.prometheus.PlatformMetrics;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.BodySizeLimit;
import com.aiaops.web.platform.CurrentCaller;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OTLP/HTTP (OpenTelemetry Protocol) export endpoints: point an SDK's or a Collector's {@code otlphttp} exporter at
 * {@code …/api/v1/otlp} with {@code Authorization: Bearer <INGEST key>}. Answers as OTLP says: 200 with a partial
 * success naming what was refused, in the encoding of the request; errors as problem+json (429 and 503 with Retry-After).
 */
@Path("otlp/v1")
@Tag(name = "OTLP")
public class OtlpResource {
    static final String PROTOBUF = "application/x-protobuf";
    /** What one export may hold once decompressed: gzip turns a few megabytes into a lot. */
    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    @Inject
    OtlpIngest ingest;

    @Inject
    CurrentCaller caller;

    @Inject
    PlatformMetrics metrics;

    @POST
    @Path("traces")
    @Consumes({PROTOBUF, MediaType.APPLICATION_JSON})
    @Produces({PROTOBUF, MediaType.APPLICATION_JSON})
    @Access({Role.INGEST, Role.OPERATOR})
    @Operation(summary = "OTLP/HTTP trace export: SERVER spans become request observations of the service named by service.name")
    public Response traces(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
                           @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        byte[] bytes = read(body, encoding);
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        parse(type, bytes, request);
        OtlpOutcome outcome = ingest.traces(caller.get(), request.build(), bytes);
        counted("otlp-spans", outcome);
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (outcome.rejected() > 0 || !outcome.message().isEmpty()) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(outcome.rejected()).setErrorMessage(outcome.message()));
        }
        return answer(type, response.build());
    }

    @POST
    @Path("metrics")
    @Consumes({PROTOBUF, MediaType.APPLICATION_JSON})
    @Produces({PROTOBUF, MediaType.APPLICATION_JSON})
    @Access({Role.INGEST, Role.OPERATOR})
    @Operation(summary = "OTLP/HTTP metric export: http.server.request.duration histograms (explicit or exponential, delta or "
            + "cumulative) become counted minutes of the service named by service.name")
    public Response metrics(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
                            @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        byte[] bytes = read(body, encoding);
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        parse(type, bytes, request);
        OtlpOutcome outcome = ingest.metrics(caller.get(), request.build(), bytes);
        counted("otlp-minutes", outcome);
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (outcome.rejected() > 0 || !outcome.message().isEmpty()) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(outcome.rejected()).setErrorMessage(outcome.message()));
        }
        return answer(type, response.build());
    }

    private void counted(String kind, OtlpOutcome outcome) {
        metrics.telemetryReceived(kind, "accepted", outcome.accepted());
        if (outcome.rejected() > 0) {
            metrics.telemetryReceived(kind, "rejected", outcome.rejected());
        }
    }

    private static byte[] read(InputStream body, String encoding) {
        try {
            InputStream in = body;
            if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
                in = new GZIPInputStream(body);
            } else if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
                throw new NotSupportedException("Content-Encoding " + encoding + " is not supported; send gzip or none");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECOMPRESSED_BYTES) {
                    throw new BodySizeLimit.PayloadTooLargeException(MAX_DECOMPRESSED_BYTES);
                }
            }
            return out.toByteArray();
        } catch (java.util.zip.ZipException e) {
            throw new InvalidRequestException("invalid-otlp", "The body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parse(MediaType type, byte[] bytes, Message.Builder request) {
        try {
            if (isProtobuf(type)) {
                request.mergeFrom(bytes);
            } else {
                JsonFormat.parser().ignoringUnknownFields().merge(new String(bytes, StandardCharsets.UTF_8), request);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequestException("invalid-otlp", "The body is not a valid OTLP "
                    + (isProtobuf(type) ? "protobuf" : "JSON") + " export request: " + e.getMessage());
        }
    }

    private static boolean isProtobuf(MediaType type) {
        return type != null && type.isCompatible(MediaType.valueOf(PROTOBUF));
    }

    private static Response answer(MediaType type, Message response) {
        if (isProtobuf(type)) {
            return Response.ok(response.toByteArray(), PROTOBUF).build();
        }
        try {
            return Response.ok(JsonFormat.printer().print(response), MediaType.APPLICATION_JSON).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An OTLP response could not be written as JSON", e);
        }
    }
}
