package com.aiaops.checks;

import com.aiaops.shared.JsonValues;
import jakarta.json.JsonException;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HTTP check asks of the body: a keyword it must contain, or a value at a JSON path. The path is the
 * common subset of JSONPath — {@code $}, {@code .name}, {@code ['name']}, {@code [index]} — which names one value and
 * is read as a JSON Pointer (RFC 6901); filters and wildcards, which name many, are refused when the check is defined.
 */
public final class BodyAssertion {
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d{1,9})\\]");

    private BodyAssertion() {
    }

    /** The JSON Pointer of a path, or null when the path is not of the supported subset. */
    public static String pointerOf(String jsonPath) {
        if (jsonPath == null || !jsonPath.startsWith("$")) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        Matcher step = STEP.matcher(jsonPath);
        int at = 1;
        while (at < jsonPath.length()) {
            if (!step.find(at) || step.start() != at) {
                return null;
            }
            String name = step.group(1) != null ? step.group(1) : step.group(2) != null ? step.group(2).replace("\\'", "'")
                    .replace("\\\\", "\\") : step.group(3);
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            at = step.end();
        }
        return pointer.toString();
    }

    /** Null when the body passes, else why not. */
    public static String failure(String body, String contains, String jsonPath, String expected) {
        if (contains != null && !body.contains(contains)) {
            return "the body does not contain \"" + contains + "\"";
        }
        if (jsonPath == null) {
            return null;
        }
        JsonStructure document;
        try (var reader = JsonValues.PROVIDER.createReader(new StringReader(body))) {
            document = reader.read();
        } catch (JsonException e) { // a JsonParsingException among others
            return "the body is not JSON: " + e.getMessage();
        }
        JsonValue value;
        try {
            JsonPointer pointer = JsonValues.PROVIDER.createPointer(pointerOf(jsonPath));
            if (!pointer.containsValue(document)) {
                return jsonPath + " is not in the body";
            }
            value = pointer.getValue(document);
        } catch (JsonException e) {
            return jsonPath + " is not in the body";
        }
        String actual = value instanceof JsonString text ? text.getString() : value.toString();
        if (expected != null && !expected.equals(actual)) {
            return jsonPath + " is " + (actual.length() > 100 ? actual.substring(0, 100) + "…" : actual) + ", expected " + expected;
        }
        return null;
    }
}
