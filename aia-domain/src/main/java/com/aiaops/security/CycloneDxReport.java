package com.aiaops.security;

import com.aiaops.shared.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CycloneDX JSON document's {@code vulnerabilities} (as {@code trivy --format cyclonedx} and Grype write them):
 * each vulnerability's {@code affects[].ref} names a component by its {@code bom-ref} (package {@code group:name} and
 * version); its severity is the first rating that has one (the scanner lists its own choice first); the fixed version
 * is read from Trivy's recommendation "Upgrade … to version …" when there is one. The target is the scanned
 * artifact, {@code metadata.component.name}. A document that is CycloneDX but lists no vulnerabilities (an SBOM only)
 * is refused: it would stand for "nothing found" without anything having been looked for.
 */
final class CycloneDxReport {
    private static final Pattern UPGRADE_TO = Pattern.compile("to version ([^\\s,;]+)");

    private CycloneDxReport() {
    }

    static ScanReport.Parsed parse(JsonObject bom) {
        if (!"CycloneDX".equals(ScanReport.text(bom, "bomFormat", "bomFormat", true, 20))) {
            throw InvalidRequestException.ofField("invalid-report", "bomFormat", "must be CycloneDX");
        }
        ScanReport.text(bom, "specVersion", "specVersion", true, 10);
        if (!bom.containsKey("vulnerabilities")) {
            throw InvalidRequestException.ofField("invalid-report", "vulnerabilities",
                    "is required: a CycloneDX document without it is an SBOM, not a scan (scan it with --format cyclonedx and vulnerabilities on)");
        }
        JsonObject metadata = ScanReport.child(bom, "metadata", "metadata");
        String artifact = ScanReport.text(ScanReport.child(metadata, "component", "metadata.component"), "name", "metadata.component.name",
                true, 500);
        Map<String, String[]> components = new HashMap<>();
        JsonArray componentArray = ScanReport.array(bom, "components", "components");
        for (int c = 0; c < componentArray.size(); c++) {
            String at = "components[" + c + "]";
            JsonObject component = ScanReport.object(componentArray.get(c), at);
            String ref = ScanReport.text(component, "bom-ref", at + ".bom-ref", false, 1000);
            if (ref != null) {
                String group = ScanReport.text(component, "group", at + ".group", false, 200);
                String name = ScanReport.text(component, "name", at + ".name", true, 200);
                components.put(ref, new String[] {group == null || group.isEmpty() ? name : group + ":" + name,
                        ScanReport.text(component, "version", at + ".version", false, 100)});
            }
        }
        List<ScanReport.Vulnerability> found = new ArrayList<>();
        JsonArray vulnerabilities = ScanReport.array(bom, "vulnerabilities", "vulnerabilities");
        for (int v = 0; v < vulnerabilities.size(); v++) {
            String at = "vulnerabilities[" + v + "]";
            JsonObject vulnerability = ScanReport.object(vulnerabilities.get(v), at);
            String id = ScanReport.text(vulnerability, "id", at + ".id", true, 64);
            FindingSeverity severity = FindingSeverity.UNKNOWN;
            JsonArray ratings = ScanReport.array(vulnerability, "ratings", at + ".ratings");
            for (int r = 0; r < ratings.size(); r++) {
                FindingSeverity rated = ScanReport.severityWord(ScanReport.text(ScanReport.object(ratings.get(r), at + ".ratings[" + r + "]"),
                        "severity", at + ".ratings[" + r + "].severity", false, 16));
                if (rated != null) {
                    severity = rated;
                    break;
                }
            }
            String recommendation = ScanReport.text(vulnerability, "recommendation", at + ".recommendation", false, 2000);
            Matcher upgrade = recommendation == null ? null : UPGRADE_TO.matcher(recommendation);
            String fixed = upgrade != null && upgrade.find() ? upgrade.group(1) : null;
            String title = ScanReport.text(vulnerability, "description", at + ".description", false, 500);
            JsonArray affects = ScanReport.array(vulnerability, "affects", at + ".affects");
            if (affects.isEmpty()) {
                throw InvalidRequestException.ofField("invalid-report", at + ".affects", "must name the affected component");
            }
            for (int a = 0; a < affects.size(); a++) {
                String ref = ScanReport.text(ScanReport.object(affects.get(a), at + ".affects[" + a + "]"), "ref", at + ".affects[" + a + "].ref",
                        true, 1000);
                String[] component = components.getOrDefault(ref, new String[] {ref.length() > 200 ? ref.substring(0, 200) : ref, null});
                found.add(new ScanReport.Vulnerability(artifact, id, component[0], component[1], fixed, severity, title));
            }
        }
        return new ScanReport.Parsed(ScanReport.Format.CYCLONEDX, artifact, ScanReport.once(found));
    }
}
