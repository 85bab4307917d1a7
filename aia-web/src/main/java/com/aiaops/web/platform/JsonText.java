package com.aiaops.web.platform;

import com.aiaops.web.platform.StrictJson.Values;
import jakarta.json.JsonException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * JSON text (RFC 8259) read in one pass from a position, for the readers of large request bodies (telemetry batches)
 * that take their values in place instead of through the general binding: every character the grammar does not allow
 * is refused as malformed JSON ({@link JsonException}, a 400), and values are taken under {@link StrictJson.Values}'s
 * rules (a {@link jakarta.json.bind.JsonbException} naming what is wrong, for the reader to name the field).
 */
public final class JsonText {
    /** Powers of ten a double holds exactly: a decimal of at most 15 digits divided by one is rounded once, as BigDecimal does. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private final String json;
    private int at;

    public JsonText(String json) {
        this.json = json;
    }

    /** The next character that is not white space, not consumed. */
    public char next() {
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
            at++;
        }
        throw malformed("more JSON");
    }

    public void expect(char c) {
        if (next() != c) {
            throw malformed("'" + c + "'");
        }
        at++;
    }

    /** After a member or element: true at a comma (consumed), false at {@code close} (consumed). */
    public boolean more(char close) {
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
    public void end() {
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw malformed("the end of the body");
            }
            at++;
        }
    }

    public void literal(String word) {
        if (!json.startsWith(word, at)) {
            throw malformed("'" + word + "'");
        }
        at += word.length();
        delimited();
    }

    public boolean isNull() {
        if (json.charAt(at) != 'n') {
            return false;
        }
        literal("null");
        return true;
    }

    /** What the value at the cursor is, for a refusal naming the type it should have been. */
    public String kind() {
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

    /** Moves past the character {@link #next()} showed. */
    public void skip() {
        at++;
    }

    /**
     * The index of the field name at the cursor among {@code names}, matched in place when written plainly; -1 for a
     * name not among them, leaving the cursor on it (read it with {@link #string()}).
     */
    public int field(String[] names) {
        if (json.charAt(at) != '"') {
            throw malformed("a field name");
        }
        for (int field = 0; field < names.length; field++) {
            String name = names[field];
            int end = at + 1 + name.length();
            if (end < json.length() && json.charAt(end) == '"' && json.startsWith(name, at + 1)) {
                at = end + 1;
                return field;
            }
        }
        int start = at;
        String name = string(); // escaped ("servic\u0065") or not a known name
        for (int field = 0; field < names.length; field++) {
            if (names[field].equals(name)) {
                return field;
            }
        }
        at = start;
        return -1;
    }

    public String stringValue() {
        if (json.charAt(at) != '"') {
            throw Values.wrongType("a JSON string", kind());
        }
        return string();
    }

    /** A string at the cursor, escapes resolved. */
    public String string() {
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

    public Instant instantValue() {
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

    public int intValue() {
        int start = number();
        if (isPlainWhole(start) && at - start - (json.charAt(start) == '-' ? 1 : 0) <= 9) {
            return Integer.parseInt(json, start, at, 10);
        }
        return Values.wholeInt(decimal(start));
    }

    public long longValue() {
        int start = number();
        if (isPlainWhole(start) && at - start - (json.charAt(start) == '-' ? 1 : 0) <= 18) {
            return Long.parseLong(json, start, at, 10);
        }
        return Values.wholeLong(decimal(start));
    }

    private boolean isPlainWhole(int start) {
        for (int i = start; i < at; i++) {
            char c = json.charAt(i);
            if ((c < '0' || c > '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    public double doubleValue() {
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
        return Values.finite(decimal(start).doubleValue());
    }

    /** The number from {@code start} to the cursor; an exponent past an int's range is refused as a value, not a fault. */
    private BigDecimal decimal(int start) {
        try {
            return new BigDecimal(json.substring(start, at));
        } catch (NumberFormatException e) {
            throw new jakarta.json.bind.JsonbException("is out of the range a number may have here");
        }
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
