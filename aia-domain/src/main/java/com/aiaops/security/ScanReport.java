package com.aiaops.security;

import com.aiaops.shared.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A vulnerability scanner's report, in whichever format the scanner wrote it: Trivy's JSON, CycloneDX JSON with
 * {@code vulnerabilities} (Trivy, Grype), SARIF 2.1 (Trivy, Grype, CodeQL) or Grype's JSON. The document is checked to be
 * one of them before anything changes; each becomes the same list of vulnerabilities: where (target), what
 * (vulnerability id), in which package, at which version, fixed in which, how severe.
 */
public final class ScanReport {
    private ScanReport() {
    }

    public enum Format { TRIVY, CYCLONEDX, SARIF, GRYPE }

    public record Vulnerability(String target, String vulnerabilityId, String packageName, String installedVersion, String fixedVersion,
                                FindingSeverity severity, String title) {
        String key() {
            return target + "|" + vulnerabilityId + "|" + packageName;
        }
    }

    /** What one report says: its format, the artifact it scanned and the vulnerabilities it lists (each once). */
    public record Parsed(Format format, String artifactName, List<Vulnerability> vulnerabilities) {
    }

    /** Reads a report, telling its format by the fields each format requires; anything else is refused at {@code $}. */
    public static Parsed parse(JsonObject report) {
        if (report.containsKey("SchemaVersion")) {
            return TrivyReport.parse(report);
        }
        if (report.containsKey("bomFormat")) {
            return CycloneDxReport.parse(report);
        }
        if (report.containsKey("runs")) {
            return SarifReport.parse(report);
        }
        if (report.containsKey("matches")) {
            return GrypeReport.parse(report);
        }
        throw InvalidRequestException.ofField("invalid-report", "$", "is not a scanner report: a Trivy JSON report (SchemaVersion), "
                + "CycloneDX JSON (bomFormat), SARIF 2.1 (runs) or a Grype JSON report (matches) is expected");
    }

    /** Each vulnerability of a package in a target once, in the order first listed. */
    static List<Vulnerability> once(List<Vulnerability> listed) {
        Map<String, Vulnerability> found = new LinkedHashMap<>();
        listed.forEach(v -> found.putIfAbsent(v.key(), v));
        return new ArrayList<>(found.values());
    }

    /** A severity word of any scanner (CRITICAL, High, medium, Negligible, info…); null when it is none. */
    static FindingSeverity severityWord(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> FindingSeverity.CRITICAL;
            case "high" -> FindingSeverity.HIGH;
            case "medium", "moderate" -> FindingSeverity.MEDIUM;
            case "low", "negligible", "info", "none" -> FindingSeverity.LOW;
            case "unknown" -> FindingSeverity.UNKNOWN;
            default -> null;
        };
    }

    /** A CVSS base score as a severity (CVSS v3 bands). */
    static FindingSeverity severityOfScore(double score) {
        if (score >= 9) {
            return FindingSeverity.CRITICAL;
        }
        if (score >= 7) {
            return FindingSeverity.HIGH;
        }
        if (score >= 4) {
            return FindingSeverity.MEDIUM;
        }
        return score > 0 ? FindingSeverity.LOW : FindingSeverity.UNKNOWN;
    }

    static JsonObject object(JsonValue value, String path) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidRequestException.ofField("invalid-report", path, "must be an object");
        }
        return value.asJsonObject();
    }

    /** An optional array (absent or null: empty). */
    static JsonArray array(JsonObject o, String name, String path) {
        JsonValue value = o.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw InvalidRequestException.ofField("invalid-report", path, "must be an array");
        }
        return value.asJsonArray();
    }

    /** An optional object (absent or null: empty). */
    static JsonObject child(JsonObject o, String name, String path) {
        JsonValue value = o.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return object(value, path);
    }

    /** A string field: checked for control characters, cut to {@code max}; required ones must be there and not blank. */
    static String text(JsonObject o, String name, String path, boolean required, int max) {
        JsonValue value = o.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw InvalidRequestException.ofField("invalid-report", path, "is required");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw InvalidRequestException.ofField("invalid-report", path, "must be a string");
        }
        return checked(((JsonString) value).getString(), path, required, max);
    }

    static String checked(String text, String path, boolean required, int max) {
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
            throw InvalidRequestException.ofField("invalid-report", path, "must not contain control characters");
        }
        if (required && text.isBlank()) {
            throw InvalidRequestException.ofField("invalid-report", path, "must not be blank");
        }
        return text.length() > max ? text.substring(0, max) : text;
    }
}
