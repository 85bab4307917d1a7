package com.aiaops.web.telemetry;

import com.aiaops.telemetry.MinuteAggregate;
import com.aiaops.telemetry.MinuteAggregate.LatencyCount;
import com.aiaops.web.platform.JsonText;
import com.aiaops.web.platform.StrictJson.Values;
import com.aiaops.web.telemetry.TelemetryResource.MinuteBatch;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
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
    private static final int SERVICE = 0, MINUTE = 1, TOTAL = 2, GOOD = 3, LATENCIES = 4;
    private static final String[] LATENCY_FIELDS = {"ms", "count"};
    private static final int MS = 0, COUNT = 1;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == MinuteBatch.class;
    }

    @Override
    public MinuteBatch readFrom(Class<MinuteBatch> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return BatchText.read(entityStream, "minutes", MinuteBatchReader::minute, MinuteBatch::new);
    }

    @SuppressWarnings("unchecked")
    private static MinuteAggregate minute(JsonText text, String list, int index) {
        Object[] values = BatchText.object(text, FIELDS, "a minute", list, index, (field, value) -> switch (field) {
            case SERVICE -> Values.text(value.stringValue());
            case MINUTE -> value.instantValue();
            case TOTAL, GOOD -> value.longValue();
            // Refusals inside are named by the latency's own place.
            default -> BatchText.list(value, list + "[" + index + "].latencies", MinuteBatchReader::latency);
        });
        return new MinuteAggregate((String) values[SERVICE], (Instant) values[MINUTE], (Long) values[TOTAL], (Long) values[GOOD],
                (List<LatencyCount>) values[LATENCIES]);
    }

    private static LatencyCount latency(JsonText text, String list, int index) {
        Object[] values = BatchText.object(text, LATENCY_FIELDS, "a latency count", list, index,
                (field, value) -> switch (field) { // a switch, not ?:, which would make the count a double
                    case MS -> value.doubleValue();
                    default -> value.longValue();
                });
        return new LatencyCount((Double) values[MS], (Long) values[COUNT]);
    }
}
