package com.aiaops.security;

import com.aiaops.shared.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The scanners' own published reports (security/public/README.md): each reads as its format, and the reports of one
 * scan in different formats agree on what was found.
 */
class ScanReportPublicExamplesTest {

    private static ScanReport.Parsed read(String file) throws Exception {
        try (InputStream in = ScanReportPublicExamplesTest.class.getResourceAsStream("/security/public/" + file);
             JsonReader reader = Json.createReader(in)) {
            return ScanReport.parse(reader.readObject());
        }
    }

    /** What a finding is, whatever the format: id, package, installed and fixed versions, severity. */
    private static Set<String> findings(ScanReport.Parsed parsed) {
        return parsed.vulnerabilities().stream().map(v -> v.vulnerabilityId() + " " + v.packageName() + " " + v.installedVersion() + " "
                + v.fixedVersion() + " " + v.severity()).collect(Collectors.toSet());
    }

    @Test
    void trivys_alpine_scan_reads_the_same_as_json_and_as_sarif() throws Exception {
        ScanReport.Parsed json = read("trivy-alpine-310.json");
        ScanReport.Parsed sarif = read("trivy-alpine-310.sarif");
        assertEquals(ScanReport.Format.TRIVY, json.format());
        assertEquals(ScanReport.Format.SARIF, sarif.format());
        assertEquals(Set.of("CVE-2019-1549 libcrypto1.1 1.1.1c-r0 1.1.1d-r0 MEDIUM", "CVE-2019-1551 libcrypto1.1 1.1.1c-r0 1.1.1d-r2 MEDIUM",
                "CVE-2019-1549 libssl1.1 1.1.1c-r0 1.1.1d-r0 MEDIUM", "CVE-2019-1551 libssl1.1 1.1.1c-r0 1.1.1d-r2 MEDIUM"), findings(json));
        assertEquals(findings(json), findings(sarif));
        assertEquals("testdata/fixtures/images/alpine-310.tar.gz", json.artifactName());
        assertEquals("testdata/fixtures/images/alpine-310.tar.gz", sarif.artifactName());
    }

    @Test
    void trivys_cyclonedx_scan_names_the_maven_package_and_its_fix() throws Exception {
        ScanReport.Parsed bom = read("trivy-pom.cdx.json");
        assertEquals(ScanReport.Format.CYCLONEDX, bom.format());
        assertEquals("testdata/fixtures/repo/pom", bom.artifactName());
        assertEquals(Set.of("CVE-2020-9548 com.fasterxml.jackson.core:jackson-databind 2.9.1 2.9.10.4 CRITICAL",
                "CVE-2021-20190 com.fasterxml.jackson.core:jackson-databind 2.9.1 2.9.10.7 HIGH"), findings(bom));
    }

    @Test
    void grypes_image_scan_reads_the_same_as_json_sarif_and_cyclonedx() throws Exception {
        ScanReport.Parsed json = read("grype-image.json");
        ScanReport.Parsed sarif = read("grype-image.sarif");
        ScanReport.Parsed bom = read("grype-image.cdx.json");
        assertEquals(List.of(ScanReport.Format.GRYPE, ScanReport.Format.SARIF, ScanReport.Format.CYCLONEDX),
                List.of(json.format(), sarif.format(), bom.format()));
        assertEquals(Set.of("CVE-1999-0001 package-1 1.1.1 1.2.1, 2.1.3, 3.4.0 LOW", "CVE-1999-0002 package-2 2.2.2 null CRITICAL"),
                findings(json));
        // SARIF and CycloneDX carry no fixed versions for Grype; the rest agrees.
        Set<String> withoutFixes = Set.of("CVE-1999-0001 package-1 1.1.1 null LOW", "CVE-1999-0002 package-2 2.2.2 null CRITICAL");
        assertEquals(withoutFixes, findings(sarif));
        assertEquals(withoutFixes, findings(bom));
        assertEquals("user-input", json.artifactName());
        assertEquals("user-input", sarif.artifactName());
        assertEquals("user-input", bom.artifactName());
    }

    @Test
    void a_document_of_no_scanner_format_or_an_sbom_without_vulnerabilities_is_refused_by_path() {
        JsonObject sbom = Json.createObjectBuilder().add("bomFormat", "CycloneDX").add("specVersion", "1.5")
                .add("components", Json.createArrayBuilder()).build();
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> ScanReport.parse(sbom));
        assertEquals("vulnerabilities", refused.violations().get(0).field());
        refused = assertThrows(InvalidRequestException.class, () -> ScanReport.parse(Json.createObjectBuilder().add("kind", "x").build()));
        assertEquals("$", refused.violations().get(0).field());
        JsonObject sarif10 = Json.createObjectBuilder().add("version", "1.0.0").add("runs", Json.createArrayBuilder()).build();
        refused = assertThrows(InvalidRequestException.class, () -> ScanReport.parse(sarif10));
        assertEquals("version", refused.violations().get(0).field());
    }
}
