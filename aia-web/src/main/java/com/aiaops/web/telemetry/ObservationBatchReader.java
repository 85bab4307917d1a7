package com.aiaops.web.telemetry;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.Observation;
import com.aiaops.web.platform.StrictJson.Streamed;
import com.aiaops.web.telemetry.TelemetryResource.ObservationBatch;
import jakarta.json.Json;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a batch of observations straight from the JSON stream. The general binding read each value as a tree node and
 * each number as a BigDecimal, and was three quarters of an ingest's time; this reader takes the same values under the
 * same rules ({@link Streamed}) and names a refused value by its place, {@code observations[3].timestamp}.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class ObservationBatchReader implements MessageBodyReader<ObservationBatch> {
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final int FIELD_NAME_SHOWN = 40;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == ObservationBatch.class;
    }

    @Override
    public ObservationBatch readFrom(Class<ObservationBatch> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                     MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entityStream, 1);
        int first = body.read();
        if (first == -1) {
            return null; // no body: refused as a missing batch, as the binding does
        }
        body.unread(first);
        try (JsonParser parser = PARSERS.createParser(body, StandardCharsets.UTF_8)) {
            return read(parser);
        }
    }

    static ObservationBatch read(JsonParser parser) {
        Event root = parser.next();
        if (root == Event.VALUE_NULL) {
            return null; // refused as a missing batch, as the binding does
        }
        if (root != Event.START_OBJECT) {
            throw new JsonParsingException("A batch is a JSON object holding \"observations\"", parser.getLocation());
        }
        List<Observation> observations = null;
        Event event;
        while ((event = parser.next()) == Event.KEY_NAME) {
            String name = parser.getString();
            if (!name.equals("observations")) {
                throw InvalidRequestException.ofField("validation-failed", shown(name), "is not a field of a batch");
            }
            event = parser.next();
            if (event == Event.START_ARRAY) {
                observations = readObservations(parser);
            } else if (event == Event.VALUE_NULL) {
                observations = null;
            } else {
                throw InvalidRequestException.ofField("validation-failed", "observations", "must be a JSON array, not " + Streamed.describe(event));
            }
        }
        if (parser.hasNext()) {
            throw new JsonParsingException("Nothing may follow the batch's object", parser.getLocation());
        }
        return new ObservationBatch(observations);
    }

    private static List<Observation> readObservations(JsonParser parser) {
        List<Observation> observations = new ArrayList<>(1024);
        Event event;
        while ((event = parser.next()) != Event.END_ARRAY) {
            if (event == Event.START_OBJECT) {
                observations.add(readObservation(parser, observations.size()));
            } else if (event == Event.VALUE_NULL) {
                observations.add(null); // the ingest names it, with every other bad item
            } else {
                throw InvalidRequestException.ofField("validation-failed", "observations[" + observations.size() + "]",
                        "must be an object, not " + Streamed.describe(event));
            }
        }
        return observations;
    }

    private static Observation readObservation(JsonParser parser, int index) {
        String service = null;
        Instant timestamp = null;
        Integer status = null;
        Observation.Outcome outcome = null;
        Double latencyMs = null;
        String name = null;
        try {
            while (parser.next() == Event.KEY_NAME) {
                name = parser.getString();
                Event value = parser.next();
                switch (name) {
                    case "service" -> service = Streamed.text(value, parser);
                    case "timestamp" -> timestamp = Streamed.instant(value, parser);
                    case "status" -> status = Streamed.integer(value, parser);
                    case "outcome" -> outcome = Streamed.choice(value, parser, Observation.Outcome.class);
                    case "latencyMs" -> latencyMs = Streamed.finite(value, parser);
                    default -> throw new JsonbException("is not a field of an observation");
                }
            }
        } catch (JsonbException refused) {
            throw InvalidRequestException.ofField("validation-failed", "observations[" + index + "]." + shown(name), refused.getMessage());
        }
        return new Observation(service, timestamp, status, outcome, latencyMs);
    }

    private static String shown(String name) {
        return name.length() <= FIELD_NAME_SHOWN ? name : name.substring(0, FIELD_NAME_SHOWN) + "…";
    }
}
