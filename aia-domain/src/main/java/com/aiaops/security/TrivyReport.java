package com.aiaops.security;

import com.aiaops.shared.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Trivy JSON report (schema version 2: {@code Results[].Target}, {@code Results[].Vulnerabilities[]} with
 * {@code VulnerabilityID}, {@code PkgName}, {@code InstalledVersion}, {@code FixedVersion}, {@code Severity},
 * {@code Title}). The same vulnerability of the same package listed twice in a target counts once.
 */
final class TrivyReport {
    private TrivyReport() {
    }

    /**
     * Reads a report after checking that it is one: schema version 2 and the artifact it scanned are what every Trivy
     * report carries, so a document without them is refused before it can stand for the service's state and close its
     * findings.
     */
    static ScanReport.Parsed parse(JsonObject report) {
        JsonValue schema = report.get("SchemaVersion");
        if (schema == null || schema.getValueType() != JsonValue.ValueType.NUMBER) {
            throw InvalidRequestException.ofField("invalid-report", "SchemaVersion", "must be a number: this is not a Trivy JSON report");
        }
        if (!((JsonNumber) schema).isIntegral() || ((JsonNumber) schema).bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(2)) != 0) {
            throw InvalidRequestException.ofField("invalid-report", "SchemaVersion", "only Trivy's schema version 2 is read");
        }
        String artifactName = ScanReport.text(report, "ArtifactName", "ArtifactName", true, 500);
        return new ScanReport.Parsed(ScanReport.Format.TRIVY, artifactName, vulnerabilities(report));
    }

    private static List<ScanReport.Vulnerability> vulnerabilities(JsonObject report) {
        JsonArray resultArray = ScanReport.array(report, "Results", "Results"); // a clean scan has no results
        List<ScanReport.Vulnerability> found = new ArrayList<>();
        for (int r = 0; r < resultArray.size(); r++) {
            JsonObject result = ScanReport.object(resultArray.get(r), "Results[" + r + "]");
            String target = ScanReport.text(result, "Target", "Results[" + r + "].Target", true, 300);
            JsonArray list = ScanReport.array(result, "Vulnerabilities", "Results[" + r + "].Vulnerabilities");
            for (int v = 0; v < list.size(); v++) {
                String at = "Results[" + r + "].Vulnerabilities[" + v + "]";
                JsonObject o = ScanReport.object(list.get(v), at);
                found.add(new ScanReport.Vulnerability(target, ScanReport.text(o, "VulnerabilityID", at + ".VulnerabilityID", true, 64),
                        ScanReport.text(o, "PkgName", at + ".PkgName", true, 200),
                        ScanReport.text(o, "InstalledVersion", at + ".InstalledVersion", false, 100),
                        ScanReport.text(o, "FixedVersion", at + ".FixedVersion", false, 200),
                        severity(ScanReport.text(o, "Severity", at + ".Severity", false, 16), at + ".Severity"),
                        ScanReport.text(o, "Title", at + ".Title", false, 500)));
            }
        }
        return ScanReport.once(found);
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
}
