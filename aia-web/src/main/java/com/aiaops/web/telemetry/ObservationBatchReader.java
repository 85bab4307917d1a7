package com.aiaops.web.telemetry;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.Observation;
import com.aiaops.web.platform.StrictJson.Values;
import com.aiaops.web.telemetry.TelemetryResource.ObservationBatch;
import jakarta.json.JsonException;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch of observations from its JSON text directly. The general binding built a tree node for each value, a
 * BigDecimal for each number and a java.time parse for each instant, and was three quarters of an ingest's time; this
 * reader walks the text once, takes the same values under the same rules ({@link Values}) and names a refused value by
 * its place, {@code observations[3].timestamp}. The body is decoded as the binding decodes it (UTF-8, a malformed byte
 * replaced); anything after the batch's object is refused, which the binding ignored.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class ObservationBatchReader implements MessageBodyReader<ObservationBatch> {
    private static final int FIELD_NAME_SHOWN = 40;
    private static final String[] FIELDS = {"service", "timestamp", "status", "outcome", "latencyMs"};
    private static final int SERVICE = 0, TIMESTAMP = 1, STATUS = 2, OUTCOME = 3, LATENCY = 4, UNKNOWN = -1;
    /** Powers of ten a double holds exactly: a decimal of at most 15 digits divided by one is rounded once, as BigDecimal does. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == ObservationBatch.class;
    }

    @Override
    public ObservationBatch readFrom(Class<ObservationBatch> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                     MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readAllBytes(); // bounded by BodySizeLimit
        return bytes.length == 0 ? null : read(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The batch the text holds; null for JSON null (refused as a missing batch, as the binding does). */
    static ObservationBatch read(String json) {
        Text text = new Text(json);
        if (text.next() == 'n') {
            text.literal("null");
            text.end();
            return null;
        }
        text.expect('{');
        List<Observation> observations = null;
        if (text.next() == '}') {
            text.at++;
        } else {
            do {
                String name = text.string();
                text.expect(':');
                if (!name.equals("observations")) {
                    throw InvalidRequestException.ofField("validation-failed", shown(name), "is not a field of a batch");
                }
                char value = text.next();
                if (value == '[') {
                    observations = readObservations(text);
                } else if (value == 'n') {
                    text.literal("null");
                    observations = null;
                } else {
                    throw InvalidRequestException.ofField("validation-failed", "observations", "must be a JSON array, not " + text.kind());
                }
            } while (text.more('}'));
        }
        text.end();
        return new ObservationBatch(observations);
    }

    private static List<Observation> readObservations(Text text) {
        text.at++;
        List<Observation> observations = new ArrayList<>(1024);
        if (text.next() == ']') {
            text.at++;
            return observations;
        }
        do {
            char item = text.next();
            if (item == '{') {
                observations.add(readObservation(text, observations.size()));
            } else if (item == 'n') {
                text.literal("null");
                observations.add(null); // the ingest names it, with every other bad item
            } else {
                throw InvalidRequestException.ofField("validation-failed", "observations[" + observations.size() + "]",
                        "must be an object, not " + text.kind());
            }
        } while (text.more(']'));
        return observations;
    }

    private static Observation readObservation(Text text, int index) {
        text.at++;
        String service = null;
        Instant timestamp = null;
        Integer status = null;
        Observation.Outcome outcome = null;
        Double latencyMs = null;
        if (text.next() == '}') {
            text.at++;
            return new Observation(null, null, null, null, null);
        }
        do {
            int field = text.field();
            String unknown = field == UNKNOWN ? text.string() : null;
            text.expect(':');
            text.next();
            try {
                switch (field) {
                    case SERVICE -> service = text.isNull() ? null : Values.text(text.stringValue());
                    case TIMESTAMP -> timestamp = text.isNull() ? null : text.instantValue();
                    case STATUS -> status = text.isNull() ? null : text.intValue();
                    case OUTCOME -> outcome = text.isNull() ? null : outcome(text.stringValue());
                    case LATENCY -> latencyMs = text.isNull() ? null : text.doubleValue();
                    default -> throw new JsonbException("is not a field of an observation");
                }
            } catch (JsonbException refused) {
                String name = field == UNKNOWN ? shown(unknown) : FIELDS[field];
                throw InvalidRequestException.ofField("validation-failed", "observations[" + index + "]." + name, refused.getMessage());
            }
        } while (text.more('}'));
        return new Observation(service, timestamp, status, outcome, latencyMs);
    }

    private static Observation.Outcome outcome(String name) {
        for (Observation.Outcome outcome : Observation.Outcome.values()) {
            if (outcome.name().equals(name)) {
                return outcome;
            }
        }
        throw new JsonbException(Values.NOT_ALLOWED);
    }

    private static String shown(String name) {
        return name.length() <= FIELD_NAME_SHOWN ? name : name.substring(0, FIELD_NAME_SHOWN) + "…";
    }

    /** JSON text (RFC 8259) read from a position: as much of the grammar as a batch has, every other character refused. */
    private static final class Text {
        private final String json;
        private int at;

        Text(String json) {
            this.json = json;
        }

        /** The next character that is not white space, not consumed. */
        char next() {
            while (at < json.length()) {
                char c = json.charAt(at);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return c;
                }
                at++;
            }
            throw malformed("more JSON");
        }

        void expect(char c) {
            if (next() != c) {
                throw malformed("'" + c + "'");
            }
            at++;
        }

        /** After a member or element: true at a comma (consumed), false at {@code close} (consumed). */
        boolean more(char close) {
            char c = next();
            at++;
            if (c == ',') {
                next();
                return true;
            }
            if (c == close) {
                return false;
            }
            at--;
            throw malformed("',' or '" + close + "'");
        }

        /** Only white space may follow the batch. */
        void end() {
            while (at < json.length()) {
                char c = json.charAt(at);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    throw malformed("the end of the body");
                }
                at++;
            }
        }

        void literal(String word) {
            if (!json.startsWith(word, at)) {
                throw malformed("'" + word + "'");
            }
            at += word.length();
            delimited();
        }

        boolean isNull() {
            if (json.charAt(at) != 'n') {
                return false;
            }
            literal("null");
            return true;
        }

        /** What the value at the cursor is, for a refusal naming the type it should have been. */
        String kind() {
            char c = json.charAt(at);
            return switch (c) {
                case '{' -> "an object";
                case '[' -> "an array";
                case '"' -> "a string";
                case 't', 'f' -> "a boolean";
                case 'n' -> "null";
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        yield "a number";
                    }
                    throw malformed("a JSON value");
                }
            };
        }

        /** A field name of an observation, matched in place when written plainly; UNKNOWN leaves the cursor on it. */
        int field() {
            if (json.charAt(at) != '"') {
                throw malformed("a field name");
            }
            for (int field = 0; field < FIELDS.length; field++) {
                String name = FIELDS[field];
                int end = at + 1 + name.length();
                if (end < json.length() && json.charAt(end) == '"' && json.startsWith(name, at + 1)) {
                    at = end + 1;
                    return field;
                }
            }
            int start = at;
            String name = string(); // escaped ("servic\u0065") or not a known name
            for (int field = 0; field < FIELDS.length; field++) {
                if (FIELDS[field].equals(name)) {
                    return field;
                }
            }
            at = start;
            return UNKNOWN;
        }

        String stringValue() {
            if (json.charAt(at) != '"') {
                throw Values.wrongType("a JSON string", kind());
            }
            return string();
        }

        /** A string at the cursor, escapes resolved. */
        String string() {
            if (json.charAt(at) != '"') {
                throw malformed("a string");
            }
            int start = ++at;
            while (at < json.length()) {
                char c = json.charAt(at);
                if (c == '"') {
                    return json.substring(start, at++);
                }
                if (c == '\\') {
                    return escaped(start);
                }
                if (c < 0x20) {
                    throw malformed("a control character to be escaped");
                }
                at++;
            }
            throw malformed("the end of a string");
        }

        private String escaped(int start) {
            StringBuilder value = new StringBuilder(at - start + 16).append(json, start, at);
            while (at < json.length()) {
                char c = json.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    at--;
                    throw malformed("a control character to be escaped");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= json.length()) {
                    break;
                }
                char escape = json.charAt(at++);
                switch (escape) {
                    case '"', '\\', '/' -> value.append(escape);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > json.length()) {
                            throw malformed("four hexadecimal digits");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(json.charAt(at + i), 16);
                            if (digit < 0 || json.charAt(at + i) > 'f') {
                                throw malformed("four hexadecimal digits");
                            }
                            code = code * 16 + digit;
                        }
                        at += 4;
                        value.append((char) code);
                    }
                    default -> {
                        at--;
                        throw malformed("an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u)");
                    }
                }
            }
            throw malformed("the end of a string");
        }

        Instant instantValue() {
            if (json.charAt(at) != '"') {
                throw Values.wrongType("a JSON string", kind());
            }
            int start = at + 1;
            for (int end = start; end < json.length(); end++) {
                char c = json.charAt(end);
                if (c == '"') {
                    at = end + 1;
                    return Values.instant(json, start, end);
                }
                if (c == '\\' || c < 0x20) {
                    break; // escaped or refused: read as any string
                }
            }
            String written = string();
            return Values.instant(written, 0, written.length());
        }

        int intValue() {
            int start = number();
            boolean plain = true;
            for (int i = start; i < at; i++) {
                char c = json.charAt(i);
                plain &= c >= '0' && c <= '9' || c == '-';
            }
            int digits = at - start - (json.charAt(start) == '-' ? 1 : 0);
            if (plain && digits <= 9) {
                return Integer.parseInt(json, start, at, 10);
            }
            return Values.wholeInt(new BigDecimal(json.substring(start, at)));
        }

        double doubleValue() {
            int start = number();
            // A decimal of at most 15 digits without an exponent: its value divided by a power of ten, as BigDecimal does.
            boolean negative = json.charAt(start) == '-';
            long mantissa = 0;
            int digits = 0;
            int scale = -1;
            boolean simple = true;
            for (int i = negative ? start + 1 : start; i < at && simple; i++) {
                char c = json.charAt(i);
                if (c >= '0' && c <= '9') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    scale += scale >= 0 ? 1 : 0;
                } else if (c == '.') {
                    scale = 0;
                } else {
                    simple = false; // an exponent
                }
            }
            if (simple && digits <= 15) {
                double value = mantissa / POWERS_OF_TEN[Math.max(scale, 0)];
                return Values.finite(negative && mantissa != 0 ? -value : value);
            }
            return Values.finite(new BigDecimal(json.substring(start, at)).doubleValue());
        }

        /** Checks a number's grammar (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), moves past it and gives where it began. */
        private int number() {
            int start = at;
            char c = json.charAt(at);
            if (c != '-' && (c < '0' || c > '9')) {
                throw Values.wrongType("a JSON number", kind());
            }
            if (c == '-') {
                at++;
            }
            if (at < json.length() && json.charAt(at) == '0') {
                at++;
            } else if (digitsFrom() == 0) {
                throw malformed("a digit");
            }
            if (at < json.length() && json.charAt(at) == '.') {
                at++;
                if (digitsFrom() == 0) {
                    throw malformed("a digit after the decimal point");
                }
            }
            if (at < json.length() && (json.charAt(at) == 'e' || json.charAt(at) == 'E')) {
                at++;
                if (at < json.length() && (json.charAt(at) == '+' || json.charAt(at) == '-')) {
                    at++;
                }
                if (digitsFrom() == 0) {
                    throw malformed("a digit of the exponent");
                }
            }
            delimited();
            return start;
        }

        private int digitsFrom() {
            int start = at;
            while (at < json.length() && json.charAt(at) >= '0' && json.charAt(at) <= '9') {
                at++;
            }
            return at - start;
        }

        /** A number or literal ends at white space, a comma or a closing bracket. */
        private void delimited() {
            if (at < json.length()) {
                char c = json.charAt(at);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != ',' && c != '}' && c != ']') {
                    throw malformed("',' or the end of the value");
                }
            }
        }

        private JsonException malformed(String expected) {
            return new JsonException("Expected " + expected + " at character " + at);
        }
    }
}
