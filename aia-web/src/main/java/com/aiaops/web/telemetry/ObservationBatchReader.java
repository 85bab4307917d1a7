package com.aiaops.web.telemetry;

import com.aiaops.telemetry.Observation;
import com.aiaops.web.platform.JsonText;
import com.aiaops.web.platform.StrictJson.Values;
import com.aiaops.web.telemetry.TelemetryResource.ObservationBatch;
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
import java.time.Instant;

/**
 * Reads a batch of observations from its JSON text directly. The general binding built a tree node for each value, a
 * BigDecimal for each number and a java.time parse for each instant, and was three quarters of an ingest's time; this
 * reader walks the text once ({@link JsonText}), takes the same values under the same rules ({@link Values}) and names a
 * refused value by its place, {@code observations[3].timestamp}. The body is decoded as the binding decodes it (UTF-8, a
 * malformed byte replaced); anything after the batch's object is refused, which the binding ignored.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class ObservationBatchReader implements MessageBodyReader<ObservationBatch> {
    private static final String[] FIELDS = {"service", "timestamp", "status", "outcome", "latencyMs"};
    private static final int SERVICE = 0, TIMESTAMP = 1, STATUS = 2, OUTCOME = 3, LATENCY = 4;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == ObservationBatch.class;
    }

    @Override
    public ObservationBatch readFrom(Class<ObservationBatch> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                     MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return BatchText.read(entityStream, "observations", ObservationBatchReader::observation,
                ObservationBatch::new);
    }

    private static Observation observation(JsonText text, String list, int index) {
        Object[] values = BatchText.object(text, FIELDS, "an observation", list, index, (field, value) -> switch (field) {
            case SERVICE -> Values.text(value.stringValue());
            case TIMESTAMP -> value.instantValue();
            case STATUS -> value.intValue();
            case OUTCOME -> outcome(value.stringValue());
            default -> value.doubleValue();
        });
        return new Observation((String) values[SERVICE], (Instant) values[TIMESTAMP], (Integer) values[STATUS],
                (Observation.Outcome) values[OUTCOME], (Double) values[LATENCY]);
    }

    private static Observation.Outcome outcome(String name) {
        for (Observation.Outcome outcome : Observation.Outcome.values()) {
            if (outcome.name().equals(name)) {
                return outcome;
            }
        }
        throw new JsonbException(Values.NOT_ALLOWED);
    }
}
