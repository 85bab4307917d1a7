package com.aiaops.security;

import com.aiaops.shared.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Trivy JSON report (schema version 2: {@code Results[].Target}, {@code Results[].Vulnerabilities[]} with
 * {@code VulnerabilityID}, {@code PkgName}, {@code InstalledVersion}, {@code FixedVersion}, {@code Severity},
 * {@code Title}). The same vulnerability of the same package listed twice in a target counts once.
 */
public final class TrivyReport {
    private TrivyReport() {
    }

    public record Vulnerability(String target, String vulnerabilityId, String packageName, String installedVersion, String fixedVersion,
                                FindingSeverity severity, String title) {
        String key() {
            return target + "|" + vulnerabilityId + "|" + packageName;
        }
    }

    /** What one report says: the artifact it scanned and the vulnerabilities it lists. */
    public record Parsed(String artifactName, List<Vulnerability> vulnerabilities) {
    }

    /**
     * Reads a report after checking that it is one: schema version 2 and the artifact it scanned are what every Trivy
     * report carries, so a document without them (an empty object, another tool's format) is refused before it can
     * stand for the service's state and close its findings.
     */
    public static Parsed parse(JsonObject report) {
        JsonValue schema = report.get("SchemaVersion");
        if (schema == null || schema.getValueType() != JsonValue.ValueType.NUMBER) {
            String hint = report.containsKey("bomFormat") ? " (this looks like a CycloneDX document)"
                    : report.containsKey("$schema") || report.containsKey("runs") ? " (this looks like SARIF)"
                    : report.containsKey("matches") ? " (this looks like a Grype report)" : "";
            throw InvalidRequestException.ofField("invalid-report", "SchemaVersion", "is required: this is not a Trivy JSON report" + hint);
        }
        if (!((JsonNumber) schema).isIntegral() || ((JsonNumber) schema).bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(2)) != 0) {
            throw InvalidRequestException.ofField("invalid-report", "SchemaVersion", "only Trivy's schema version 2 is read");
        }
        String artifactName = text(report, "ArtifactName", "ArtifactName", true, 500);
        return new Parsed(artifactName, vulnerabilities(report));
    }

    private static List<Vulnerability> vulnerabilities(JsonObject report) {
        JsonValue results = report.get("Results");
        if (results == null || results.getValueType() == JsonValue.ValueType.NULL) {
            return List.of(); // a clean scan has no results
        }
        if (results.getValueType() != JsonValue.ValueType.ARRAY) {
            throw InvalidRequestException.ofField("invalid-report", "Results", "must be an array");
        }
        Map<String, Vulnerability> found = new LinkedHashMap<>();
        JsonArray resultArray = results.asJsonArray();
        for (int r = 0; r < resultArray.size(); r++) {
            if (resultArray.get(r).getValueType() != JsonValue.ValueType.OBJECT) {
                throw InvalidRequestException.ofField("invalid-report", "Results[" + r + "]", "must be an object");
            }
            JsonObject result = resultArray.getJsonObject(r);
            String target = text(result, "Target", "Results[" + r + "].Target", true, 300);
            JsonValue vulnerabilities = result.get("Vulnerabilities");
            if (vulnerabilities == null || vulnerabilities.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            if (vulnerabilities.getValueType() != JsonValue.ValueType.ARRAY) {
                throw InvalidRequestException.ofField("invalid-report", "Results[" + r + "].Vulnerabilities", "must be an array");
            }
            JsonArray list = vulnerabilities.asJsonArray();
            for (int v = 0; v < list.size(); v++) {
                String at = "Results[" + r + "].Vulnerabilities[" + v + "]";
                if (list.get(v).getValueType() != JsonValue.ValueType.OBJECT) {
                    throw InvalidRequestException.ofField("invalid-report", at, "must be an object");
                }
                JsonObject o = list.getJsonObject(v);
                Vulnerability vulnerability = new Vulnerability(target, text(o, "VulnerabilityID", at + ".VulnerabilityID", true, 64),
                        text(o, "PkgName", at + ".PkgName", true, 200), text(o, "InstalledVersion", at + ".InstalledVersion", false, 100),
                        text(o, "FixedVersion", at + ".FixedVersion", false, 200),
                        severity(text(o, "Severity", at + ".Severity", false, 16), at + ".Severity"), text(o, "Title", at + ".Title", false, 500));
                found.putIfAbsent(vulnerability.key(), vulnerability);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Trivy's five severities (UNKNOWN is one of them, and the default when none is given); anything else is refused. */
    private static FindingSeverity severity(String text, String path) {
        if (text == null) {
            return FindingSeverity.UNKNOWN;
        }
        try {
            return FindingSeverity.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofField("invalid-report", path, "must be CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN");
        }
    }

    private static String text(JsonObject o, String name, String path, boolean required, int max) {
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
        String text = ((JsonString) value).getString();
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
            throw InvalidRequestException.ofField("invalid-report", path, "must not contain control characters");
        }
        if (required && text.isBlank()) {
            throw InvalidRequestException.ofField("invalid-report", path, "must not be blank");
        }
        return text.length() > max ? text.substring(0, max) : text;
    }
}
