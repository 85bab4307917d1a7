package com.aiaops.slo;

import com.aiaops.shared.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * OpenSLO files published by the OpenSLO specification, its CLI (oslo), its Go SDK and Sloth (openslo/public/README.md),
 * each with its outcome: the SLOs and services it imports, or the documents refused by document and path. A file
 * with a refused document is refused whole; read with {@code partial}, its other documents are read all the same.
 */
class OpenSloPublicCorpusTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                // file, SLOs imported, services, refused (document: path)
                Arguments.of("openslo-ratio-timeslices.yaml", List.of("main-page"), 0, List.of()),
                Arguments.of("openslo-low-traffic-timeslices.yaml", List.of("service-availability"), 0, List.of()),
                Arguments.of("oslo-validate-v1.yaml", List.of("web-availability"), 2, List.of()),
                Arguments.of("oslo-validate-v1alpha.yaml", List.of("my-amazing-slo"), 2, List.of("SLO ratio: spec.objectives[0].timeSliceTarget")),
                Arguments.of("oslo-mix-1.yaml", List.of(), 1, List.of()),
                Arguments.of("oslo-mix-2.yaml", List.of(), 1, List.of()),
                Arguments.of("oslo-recursive-1.yaml", List.of(), 1, List.of()),
                Arguments.of("oslo-unknown-field.yaml", List.of(), 1, List.of()),
                Arguments.of("sloth-getting-started.yaml", List.of("sloth-slo-my-service"), 0, List.of()),
                Arguments.of("sloth-kubernetes-apiserver.yaml", List.of("requests-availability-openslo", "requests-latency-openslo"), 0, List.of()),
                Arguments.of("sloth-bad.yaml", List.of("slo1"), 0, List.of()),
                Arguments.of("gosdk-v1-slos.yaml", List.of("web-availability"), 0, List.of()),
                Arguments.of("gosdk-v1-slis.yaml", List.of(), 0, List.of()),
                Arguments.of("gosdk-v1-alert-policies.yaml", List.of(), 0, List.of()),
                Arguments.of("gosdk-v1-data-sources.yaml", List.of(), 0, List.of()),
                Arguments.of("gosdk-v1-alert-notification-targets.yaml", List.of(), 0, List.of()),
                Arguments.of("gosdk-decode-sequence.yaml", List.of(), 2, List.of()),
                Arguments.of("gosdk-decode-two-documents.yaml", List.of(), 2, List.of()),
                // The same documents as JSON (JSON is YAML): the SDK's decode and encode test data.
                Arguments.of("gosdk-decode-sequence.json", List.of(), 2, List.of()),
                Arguments.of("gosdk-encode-v1-slo.json", List.of("foo-slo"), 0, List.of()),
                Arguments.of("gosdk-decode-v1-slos.yaml", List.of("foo-slo"), 0, List.of()),
                Arguments.of("gosdk-inline-v1-slo.yaml", List.of("my-slo-1"), 0, 
                        List.of("SLO my-slo-2: spec.alertPolicies[0].spec.conditions[0].conditionRef")),
                Arguments.of("gosdk-inline-v1-slo-invalid-sli.yaml", List.of(), 0, List.of("SLO my-slo: spec.indicatorRef")),
                Arguments.of("gosdk-inline-v1-slo-invalid-target.yaml", List.of(), 0, List.of("SLO my-slo: spec.objectives[0].value")),
                Arguments.of("gosdk-inline-v1-slo-invalid-policy.yaml", List.of(), 0, List.of("SLO my-slo: spec.objectives[0].value")),
                Arguments.of("occurences-slo.yaml", List.of("search-slo"), 0, List.of()),
                Arguments.of("timeslices-slo.yaml", List.of("service-availability"), 0, List.of()),
                Arguments.of("v1alpha-slo.yaml", List.of(), 0, List.of("SLO web-availability: spec.objectives[0].timeSliceWindow")));
    }

    private static String file(String name) throws IOException {
        try (InputStream in = OpenSloPublicCorpusTest.class.getResourceAsStream("/openslo/public/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void each_public_file_has_its_outcome(String name, List<String> slos, int services, List<String> refused) throws IOException {
        String yaml = file(name);
        OpenSlo.Parsed partial = OpenSlo.read(yaml, true);
        assertEquals(slos, partial.slos().stream().map(OpenSlo.SloDoc::name).toList(), name);
        assertEquals(services, partial.services().size(), name);
        assertEquals(refused, partial.refused().stream().map(r -> r.asViolation().field()).toList(), name);
        if (refused.isEmpty()) {
            assertEquals(slos, OpenSlo.read(yaml).slos().stream().map(OpenSlo.SloDoc::name).toList(), name);
        } else {
            InvalidRequestException whole = assertThrows(InvalidRequestException.class, () -> OpenSlo.read(yaml), name);
            assertEquals(refused, whole.violations().stream().map(InvalidRequestException.Violation::field).toList(), name);
        }
    }

    /** An SLO on another system's queries comes back with its queries: the indicator is kept as written. */
    @org.junit.jupiter.api.Test
    void queries_on_other_metric_systems_are_written_back_as_they_were() throws IOException {
        OpenSlo.Parsed sloth = OpenSlo.read(file("sloth-kubernetes-apiserver.yaml"));
        String exported = OpenSlo.write(List.of(), sloth.slos());
        org.junit.jupiter.api.Assertions.assertTrue(exported.contains("apiserver_request_total"), exported);
        OpenSlo.Parsed again = OpenSlo.read(exported);
        assertEquals(sloth.slos().stream().map(OpenSlo.SloDoc::foreignIndicator).toList(),
                again.slos().stream().map(OpenSlo.SloDoc::foreignIndicator).toList());
        assertEquals(exported, OpenSlo.write(List.of(), again.slos()));
    }

    /** Labels, other annotations and the description have no field here, and come back on export as they were. */
    @org.junit.jupiter.api.Test
    void labels_and_descriptions_are_written_back_as_they_were() throws IOException {
        OpenSlo.Parsed sdk = OpenSlo.read(file("gosdk-v1-slos.yaml"));
        OpenSlo.SloDoc slo = sdk.slos().get(0);
        assertEquals("{\"labels\":{\"env\":[\"prod\"],\"team\":[\"team-a\",\"team-b\"]},"
                + "\"description\":\"X% of search requests are successful\"}", slo.keptMetadata());
        org.junit.jupiter.api.Assertions.assertTrue(sdk.findings().stream().noneMatch(f -> f.path().contains("labels")
                || f.path().contains("description")), "nothing of them is reported as not imported: " + sdk.findings());
        String exported = OpenSlo.write(List.of(), sdk.slos());
        org.junit.jupiter.api.Assertions.assertTrue(exported.contains("description: X% of search requests are successful"), exported);
        org.junit.jupiter.api.Assertions.assertTrue(exported.contains("    - team-b"), exported);
        OpenSlo.Parsed again = OpenSlo.read(exported);
        assertEquals(slo.keptMetadata(), again.slos().get(0).keptMetadata());
        assertEquals(exported, OpenSlo.write(List.of(), again.slos()));
    }
}
