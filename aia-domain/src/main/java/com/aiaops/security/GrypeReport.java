package com.aiaops.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Grype's JSON report: {@code matches[]}, each a {@code vulnerability} (id, severity, {@code fix.versions}) found
 * in an {@code artifact} (name, version); the target is what was scanned, {@code source.target} (an image's
 * {@code userInput}, or a path). Grype's "Negligible" is low.
 */
final class GrypeReport {
    private GrypeReport() {
    }

    static ScanReport.Parsed parse(JsonObject report) {
        JsonObject source = ScanReport.child(report, "source", "source");
        JsonValue targetValue = source.get("target");
        String target;
        if (targetValue != null && targetValue.getValueType() == JsonValue.ValueType.OBJECT) {
            target = ScanReport.text(targetValue.asJsonObject(), "userInput", "source.target.userInput", true, 500);
        } else {
            target = ScanReport.text(source, "target", "source.target", true, 500);
        }
        List<ScanReport.Vulnerability> found = new ArrayList<>();
        JsonArray matches = ScanReport.array(report, "matches", "matches");
        for (int m = 0; m < matches.size(); m++) {
            String at = "matches[" + m + "]";
            JsonObject match = ScanReport.object(matches.get(m), at);
            JsonObject vulnerability = ScanReport.object(match.get("vulnerability"), at + ".vulnerability");
            JsonObject artifact = ScanReport.object(match.get("artifact"), at + ".artifact");
            FindingSeverity severity = ScanReport.severityWord(ScanReport.text(vulnerability, "severity", at + ".vulnerability.severity", false, 16));
            JsonArray fixes = ScanReport.array(ScanReport.child(vulnerability, "fix", at + ".vulnerability.fix"), "versions",
                    at + ".vulnerability.fix.versions");
            List<String> fixedIn = new ArrayList<>();
            for (int f = 0; f < fixes.size(); f++) {
                if (fixes.get(f).getValueType() == JsonValue.ValueType.STRING) {
                    fixedIn.add(ScanReport.checked(fixes.getString(f), at + ".vulnerability.fix.versions[" + f + "]", false, 100));
                }
            }
            String fixed = fixedIn.isEmpty() ? null : String.join(", ", fixedIn);
            found.add(new ScanReport.Vulnerability(target, ScanReport.text(vulnerability, "id", at + ".vulnerability.id", true, 64),
                    ScanReport.text(artifact, "name", at + ".artifact.name", true, 200),
                    ScanReport.text(artifact, "version", at + ".artifact.version", false, 100),
                    fixed == null || fixed.length() <= 200 ? fixed : fixed.substring(0, 200),
                    severity == null ? FindingSeverity.UNKNOWN : severity,
                    ScanReport.text(vulnerability, "description", at + ".vulnerability.description", false, 500)));
        }
        return new ScanReport.Parsed(ScanReport.Format.GRYPE, target, ScanReport.once(found));
    }
}
