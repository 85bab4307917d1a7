package com.aiaops.web.telemetry;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.MinuteAggregate;
import com.aiaops.telemetry.MinuteAggregate.LatencyCount;
import com.aiaops.web.platform.JsonText;
import com.aiaops.web.platform.StrictJson.Values;
import com.aiaops.web.telemetry.TelemetryResource.MinuteBatch;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads a batch of pre-counted minutes from its JSON text directly, as {@link ObservationBatchReader} reads observations:
 * the same values under the binding's rules, a refused value named by its place ({@code minutes[3].latencies[0].ms}).
 * Pre-counted minutes are the path OTLP metrics and other aggregators take, thousands of numbers a request.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class MinuteBatchReader implements MessageBodyReader<MinuteBatch> {
    private static final String[] FIELDS = {"service", "minute", "total", "good", "latencies"};
    private static final int SERVICE = 0, MINUTE = 1, TOTAL = 2, GOOD = 3, LATENCIES = 4, UNKNOWN = -1;
    private static final String[] LATENCY_FIELDS = {"ms", "count"};
    private static final int MS = 0, COUNT = 1;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == MinuteBatch.class;
    }

    @Override
    public MinuteBatch readFrom(Class<MinuteBatch> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readAllBytes(); // bounded by BodySizeLimit
        if (bytes.length == 0) {
            return null; // no body: refused as a missing batch, as the binding does
        }
        return BatchText.read(new String(bytes, StandardCharsets.UTF_8), "minutes", MinuteBatchReader::minute, MinuteBatch::new);
    }

    private static MinuteAggregate minute(JsonText text, String list, int index) {
        text.skip();
        String service = null;
        Instant minute = null;
        Long total = null;
        Long good = null;
        List<LatencyCount> latencies = null;
        if (text.next() == '}') {
            text.skip();
            return new MinuteAggregate(null, null, null, null, null);
        }
        do {
            int field = text.field(FIELDS);
            String unknown = field == UNKNOWN ? text.string() : null;
            text.expect(':');
            text.next();
            if (field == LATENCIES) {
                // Refusals inside are named by the latency's own place.
                latencies = text.isNull() ? null : BatchText.list(text, list + "[" + index + "].latencies", MinuteBatchReader::latency);
                continue;
            }
            try {
                switch (field) {
                    case SERVICE -> service = text.isNull() ? null : Values.text(text.stringValue());
                    case MINUTE -> minute = text.isNull() ? null : text.instantValue();
                    case TOTAL -> total = text.isNull() ? null : text.longValue();
                    case GOOD -> good = text.isNull() ? null : text.longValue();
                    default -> throw new JsonbException("is not a field of a minute");
                }
            } catch (JsonbException refused) {
                throw InvalidRequestException.ofField("validation-failed", BatchText.field(list, index, field == UNKNOWN ? unknown : FIELDS[field]),
                        refused.getMessage());
            }
        } while (text.more('}'));
        return new MinuteAggregate(service, minute, total, good, latencies);
    }

    private static LatencyCount latency(JsonText text, String list, int index) {
        text.skip();
        Double ms = null;
        Long count = null;
        if (text.next() == '}') {
            text.skip();
            return new LatencyCount(null, null);
        }
        do {
            int field = text.field(LATENCY_FIELDS);
            String unknown = field == UNKNOWN ? text.string() : null;
            text.expect(':');
            text.next();
            try {
                switch (field) {
                    case MS -> ms = text.isNull() ? null : text.doubleValue();
                    case COUNT -> count = text.isNull() ? null : text.longValue();
                    default -> throw new JsonbException("is not a field of a latency count");
                }
            } catch (JsonbException refused) {
                throw InvalidRequestException.ofField("validation-failed", BatchText.field(list, index, field == UNKNOWN ? unknown : LATENCY_FIELDS[field]),
                        refused.getMessage());
            }
        } while (text.more('}'));
        return new LatencyCount(ms, count);
    }
}
