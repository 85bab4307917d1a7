package com.aiaops.web.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import com.aiaops.shared.InstantText;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * JSON values read exactly as written, for every request body: a number where a number is meant (never the string
 * "99.9"), a whole number where an integer is meant (never 1.5 silently cut to 1, never 1e30 wrapped), finite
 * numbers only, a string where text is meant, and dates within years 1970 to 9999. The JSON binding's own defaults
 * coerce all of these; a client's mistake must be a 400 naming the field instead.
 */
public final class StrictJson {
    /** Instants and date-times before 1970 or after 9999 are refused: no domain here needs them, and databases differ there. */
    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 9999;
    private static final Instant FIRST_COMMON_INSTANT = Instant.parse("1970-01-02T00:00:00Z");
    private static final Instant LAST_COMMON_INSTANT = Instant.parse("9999-12-30T23:59:59Z");

    private StrictJson() {
    }

    static JsonbDeserializer<?>[] deserializers() {
        return new JsonbDeserializer<?>[]{new LongValue(), new IntegerValue(), new DoubleValue(), new DecimalValue(),
                new TextValue(), new BooleanValue(), new InstantValue(), new LocalDateTimeValue(), new LocalDateValue()};
    }

    /** A value that JSON null leaves null; anything else is read by {@link #read}, which refuses what does not fit. */
    abstract static class NullableValue<T> implements JsonbDeserializer<T> {
        @Override
        public final T deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return value.getValueType() == JsonValue.ValueType.NULL ? null : read(value);
        }

        abstract T read(JsonValue value);
    }

    private static BigDecimal number(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new JsonbException("must be a JSON number, not " + describe(value));
        }
        return ((JsonNumber) value).bigDecimalValue();
    }

    private static String text(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new JsonbException("must be a JSON string, not " + describe(value));
        }
        return ((JsonString) value).getString();
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    public static final class LongValue extends NullableValue<Long> {
        @Override
        Long read(JsonValue value) {
            return Values.wholeLong(number(value));
        }
    }

    public static final class IntegerValue extends NullableValue<Integer> {
        @Override
        Integer read(JsonValue value) {
            return Values.wholeInt(number(value));
        }
    }

    public static final class DoubleValue extends NullableValue<Double> {
        @Override
        Double read(JsonValue value) {
            double result = number(value).doubleValue();
            if (!Double.isFinite(result)) {
                throw new JsonbException("must be a finite number");
            }
            return result;
        }
    }

    public static final class DecimalValue extends NullableValue<BigDecimal> {
        /** Money and similar amounts: more digits than this are a mistake or an attack (BigDecimal arithmetic on 1e999999999). */
        private static final int MAX_INTEGER_DIGITS = 20;
        private static final int MAX_SCALE = 20;

        @Override
        BigDecimal read(JsonValue value) {
            BigDecimal result = number(value);
            if (result.precision() - result.scale() > MAX_INTEGER_DIGITS || result.scale() > MAX_SCALE) {
                throw new JsonbException("must have at most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_SCALE + " after it");
            }
            return result;
        }
    }

    public static final class TextValue extends NullableValue<String> {
        @Override
        String read(JsonValue value) {
            String text = text(value);
            checkNoControlCharacters(text);
            return text;
        }
    }

    /**
     * Text may hold tabs and line breaks but no other control character: a NUL, which PostgreSQL refuses in text, would
     * otherwise fail deep in a query (a 500) instead of here (a 400), and the others have no business in any field.
     */
    static void checkNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new JsonbException("must not contain control characters (code " + (int) c + " at " + i + ")");
            }
        }
    }

    public static final class BooleanValue extends NullableValue<Boolean> {
        @Override
        Boolean read(JsonValue value) {
            return switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw new JsonbException("must be true or false, not " + describe(value));
            };
        }
    }

    private static <T> T parsed(String text, String what, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            throw new JsonbException("must be " + what + ", not '" + clip(text) + "'");
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static void checkYear(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new JsonbException("must be within the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
    }

    public static final class InstantValue extends NullableValue<Instant> {
        @Override
        Instant read(JsonValue value) {
            return StrictJson.instant(text(value));
        }
    }

    /** An instant written in ISO-8601; an offset other than Z is allowed (it names the same instant), the answer is in UTC. */
    static Instant instant(String text) {
        Instant common = InstantText.parseCommon(text);
        if (common != null && !common.isBefore(FIRST_COMMON_INSTANT) && !common.isAfter(LAST_COMMON_INSTANT)) {
            return common; // years 1970 to 9999 in UTC are the same years at any offset but for a few hours at either end
        }
        OffsetDateTime at = parsed(text, "an ISO-8601 instant such as 2026-11-22T10:00:00Z", OffsetDateTime::parse);
        checkYear(at.getYear());
        return at.toInstant();
    }

    /**
     * The rules above for a reader that walks the JSON text itself (the telemetry batches' own reader): each takes the
     * value the text holds and refuses, with the binding's words, what does not fit.
     */
    public static final class Values {
        public static final String NOT_ALLOWED = "is not one of the allowed values";

        private Values() {
        }

        public static int wholeInt(BigDecimal number) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw new JsonbException("must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
        }

        public static long wholeLong(BigDecimal number) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                throw new JsonbException("must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
            }
        }

        public static double finite(double number) {
            if (!Double.isFinite(number)) {
                throw new JsonbException("must be a finite number");
            }
            return number;
        }

        public static String text(String text) {
            checkNoControlCharacters(text);
            return text;
        }

        /** An instant written from {@code from} to {@code to} in {@code text}. */
        public static Instant instant(CharSequence text, int from, int to) {
            Instant common = InstantText.parseCommon(text, from, to);
            // Years 1970 to 9999 in UTC are the same years at any offset but for a few hours at either end.
            if (common != null && !common.isBefore(FIRST_COMMON_INSTANT) && !common.isAfter(LAST_COMMON_INSTANT)) {
                return common;
            }
            return StrictJson.instant(text.subSequence(from, to).toString());
        }

        public static JsonbException wrongType(String expected, String found) {
            return new JsonbException("must be " + expected + ", not " + found);
        }
    }

    public static final class LocalDateTimeValue extends NullableValue<LocalDateTime> {
        @Override
        LocalDateTime read(JsonValue value) {
            LocalDateTime at = parsed(text(value), "a local date-time such as 2026-11-02T09:00:00", LocalDateTime::parse);
            checkYear(at.getYear());
            return at;
        }
    }

    public static final class LocalDateValue extends NullableValue<LocalDate> {
        @Override
        LocalDate read(JsonValue value) {
            LocalDate day = parsed(text(value), "a date such as 2026-11-02", LocalDate::parse);
            checkYear(day.getYear());
            return day;
        }
    }
}
