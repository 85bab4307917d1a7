package com.aiaops.security;

import com.aiaops.shared.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a SARIF 2.1 log (Trivy's, Grype's, CodeQL's {@code --format sarif}): every result of every run is a finding of
 * rule {@code ruleId}. The package and versions come from the result's message as Trivy ("Package: …", "Installed
 * Version: …", "Fixed Version: …") and Grype ("… package: NAME, version V …") write them; a code scanner's result is a
 * finding in the file it points at. Severity, in order: the rule's severity tag (Trivy), the severity word of Grype's
 * message, the rule's {@code security-severity} CVSS score, then the result's level (error high, warning medium, note
 * low). The target is the run's scanned image ({@code properties.imageName}, Trivy), the image or directory Grype's message
 * names, or else the tool's name.
 */
final class SarifReport {
    private static final Pattern TRIVY_LINE = Pattern.compile("^(Package|Installed Version|Fixed Version|Severity): (.+)$", Pattern.MULTILINE);
    private static final Pattern GRYPE_MESSAGE = Pattern.compile(
            "^An? (\\w+) vulnerability in \\S+ package: (.+?), version (\\S+) was found(?: in (?:image|directory) (\\S+))?");

    private SarifReport() {
    }

    static ScanReport.Parsed parse(JsonObject log) {
        String version = ScanReport.text(log, "version", "version", true, 10);
        if (!version.equals("2.1.0")) {
            throw InvalidRequestException.ofField("invalid-report", "version", "only SARIF 2.1.0 is read");
        }
        JsonArray runs = ScanReport.array(log, "runs", "runs");
        if (runs.isEmpty()) {
            throw InvalidRequestException.ofField("invalid-report", "runs", "must hold the scanner's run");
        }
        List<ScanReport.Vulnerability> found = new ArrayList<>();
        String artifact = null;
        for (int r = 0; r < runs.size(); r++) {
            String at = "runs[" + r + "]";
            JsonObject run = ScanReport.object(runs.get(r), at);
            JsonObject driver = ScanReport.object(ScanReport.object(run.get("tool"), at + ".tool").get("driver"), at + ".tool.driver");
            String tool = ScanReport.text(driver, "name", at + ".tool.driver.name", true, 100);
            String image = ScanReport.text(ScanReport.child(run, "properties", at + ".properties"), "imageName", at + ".properties.imageName",
                    false, 500);
            String runTarget = image != null ? image : tool;
            Map<String, JsonObject> rules = new HashMap<>();
            JsonArray ruleArray = ScanReport.array(driver, "rules", at + ".tool.driver.rules");
            for (int i = 0; i < ruleArray.size(); i++) {
                JsonObject rule = ScanReport.object(ruleArray.get(i), at + ".tool.driver.rules[" + i + "]");
                String id = ScanReport.text(rule, "id", at + ".tool.driver.rules[" + i + "].id", true, 200);
                rules.put(id, rule);
            }
            JsonArray results = ScanReport.array(run, "results", at + ".results");
            for (int i = 0; i < results.size(); i++) {
                String path = at + ".results[" + i + "]";
                JsonObject result = ScanReport.object(results.get(i), path);
                String ruleId = ScanReport.text(result, "ruleId", path + ".ruleId", true, 200);
                String message = ScanReport.text(ScanReport.object(result.get("message"), path + ".message"), "text", path + ".message.text",
                        false, 4000);
                ScanReport.Vulnerability vulnerability = vulnerability(runTarget, image == null, ruleId, rules.get(ruleId), result,
                        message == null ? "" : message, path);
                artifact = artifact == null ? vulnerability.target() : artifact;
                found.add(vulnerability);
            }
            artifact = artifact == null ? runTarget : artifact;
        }
        return new ScanReport.Parsed(ScanReport.Format.SARIF, artifact, ScanReport.once(found));
    }

    private static ScanReport.Vulnerability vulnerability(String runTarget, boolean messageMayNameTarget, String ruleId, JsonObject rule,
                                                          JsonObject result, String message, String path) {
        String target = runTarget;
        Map<String, String> trivy = new HashMap<>();
        Matcher line = TRIVY_LINE.matcher(message);
        while (line.find()) {
            trivy.putIfAbsent(line.group(1), line.group(2).trim());
        }
        Matcher grype = GRYPE_MESSAGE.matcher(message);
        String packageName;
        String installed = null;
        String fixed = null;
        FindingSeverity messageSeverity = null;
        String id = ruleId;
        if (trivy.containsKey("Package")) {
            packageName = trivy.get("Package");
            installed = trivy.get("Installed Version");
            fixed = trivy.get("Fixed Version");
        } else if (grype.find()) {
            messageSeverity = ScanReport.severityWord(grype.group(1));
            packageName = grype.group(2);
            installed = grype.group(3);
            if (messageMayNameTarget && grype.group(4) != null) {
                target = ScanReport.checked(grype.group(4), path + ".message.text", true, 300);
            }
            if (id.endsWith("-" + packageName)) {
                id = id.substring(0, id.length() - packageName.length() - 1); // Grype's rule is the vulnerability and the package
            }
        } else {
            packageName = location(result, path);
        }
        FindingSeverity severity = tagSeverity(rule);
        if (severity == null) {
            severity = messageSeverity;
        }
        if (severity == null) {
            severity = scoreSeverity(rule);
        }
        if (severity == null) {
            severity = levelSeverity(result, rule);
        }
        String title = rule == null ? null : ScanReport.text(ScanReport.child(rule, "shortDescription", path + ".rule.shortDescription"), "text",
                path + ".rule.shortDescription.text", false, 500);
        return new ScanReport.Vulnerability(target, cut(id, 64), cut(ScanReport.checked(packageName, path + ".message.text", true, 200), 200),
                installed == null ? null : cut(installed, 100), fixed == null ? null : cut(fixed, 200), severity, title);
    }

    /** The file a result points at: a code scanner's "package". */
    private static String location(JsonObject result, String path) {
        JsonArray locations = ScanReport.array(result, "locations", path + ".locations");
        if (!locations.isEmpty()) {
            JsonObject physical = ScanReport.child(ScanReport.object(locations.get(0), path + ".locations[0]"), "physicalLocation",
                    path + ".locations[0].physicalLocation");
            String uri = ScanReport.text(ScanReport.child(physical, "artifactLocation", path + ".locations[0].physicalLocation.artifactLocation"),
                    "uri", path + ".locations[0].physicalLocation.artifactLocation.uri", false, 200);
            if (uri != null && !uri.isBlank()) {
                return uri;
            }
        }
        throw InvalidRequestException.ofField("invalid-report", path, "names no package and no location");
    }

    private static FindingSeverity tagSeverity(JsonObject rule) {
        if (rule == null) {
            return null;
        }
        for (JsonValue tag : ScanReport.array(ScanReport.child(rule, "properties", "rule.properties"), "tags", "rule.properties.tags")) {
            if (tag.getValueType() == JsonValue.ValueType.STRING) {
                String word = ((jakarta.json.JsonString) tag).getString();
                if (word.equals(word.toUpperCase(Locale.ROOT)) && ScanReport.severityWord(word) != null) {
                    return ScanReport.severityWord(word);
                }
            }
        }
        return null;
    }

    private static FindingSeverity scoreSeverity(JsonObject rule) {
        if (rule == null) {
            return null;
        }
        JsonValue score = ScanReport.child(rule, "properties", "rule.properties").get("security-severity");
        if (score == null) {
            return null;
        }
        try {
            double value = score.getValueType() == JsonValue.ValueType.NUMBER ? ((jakarta.json.JsonNumber) score).doubleValue()
                    : Double.parseDouble(((jakarta.json.JsonString) score).getString());
            return Double.isFinite(value) && value >= 0 && value <= 10 ? ScanReport.severityOfScore(value) : null;
        } catch (NumberFormatException | ClassCastException e) {
            return null; // not a score: the level decides
        }
    }

    private static FindingSeverity levelSeverity(JsonObject result, JsonObject rule) {
        String level = ScanReport.text(result, "level", "level", false, 16);
        if (level == null && rule != null) {
            level = ScanReport.text(ScanReport.child(rule, "defaultConfiguration", "rule.defaultConfiguration"), "level", "level", false, 16);
        }
        return switch (level == null ? "warning" : level) { // SARIF's default level is warning
            case "error" -> FindingSeverity.HIGH;
            case "warning" -> FindingSeverity.MEDIUM;
            case "note" -> FindingSeverity.LOW;
            default -> FindingSeverity.UNKNOWN;
        };
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
