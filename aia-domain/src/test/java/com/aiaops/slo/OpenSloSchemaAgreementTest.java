package com.aiaops.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenSLO's own JSON schema (openslo/schema/README.md) and our reader judge every {@code openslo/v1} document of the
 * public corpus; they agree except where this test names the document and says why.
 */
class OpenSloSchemaAgreementTest {
    private static final String SCHEMAS = "https://openslo.com/schemas/";

    /** Where the schema and we differ, by file and document ("Kind name"), and why. */
    private static final Map<String, String> DISAGREEMENTS = Map.ofEntries(
            Map.entry("gosdk-inline-v1-slo-invalid-sli.yaml / SLO my-slo",
                    "we refuse: its indicatorRef names an SLI the file does not hold; a schema sees one document, not the file"),
            Map.entry("gosdk-v1-alert-policies.yaml / AlertPolicy high-priority",
                    "the schema requires alertWhenNoData and alertWhenResolved, which the Go SDK's own data leaves out"),
            Map.entry("gosdk-v1-alert-policies.yaml / AlertPolicy low-priority",
                    "the schema requires alertWhenNoData and alertWhenResolved, which the Go SDK's own data leaves out"),
            Map.entry("gosdk-v1-alert-policies.yaml / AlertPolicy medium-priority",
                    "as above, and its inline notification target is not one of the schema's shapes"),
            Map.entry("gosdk-v1-data-sources.yaml / DataSource datadog",
                    "the Go SDK writes connectionDetails as a list; the schema wants an object (we keep DataSources as written)"),
            Map.entry("gosdk-v1-data-sources.yaml / DataSource prometheus",
                    "the Go SDK writes connectionDetails as a list; the schema wants an object (we keep DataSources as written)"),
            Map.entry("gosdk-v1-slis.yaml / SLI wifi-client-satisfaction",
                    "a raw ratioMetric (rawType, raw), which the specification has and the schema predates"),
            Map.entry("occurences-slo.yaml / SLO search-slo",
                    "the specification's own example leaves metricSource.spec and alertPolicies empty (YAML null); the schema wants an object and a list"),
            Map.entry("openslo-low-traffic-timeslices.yaml / SLO service-availability",
                    "the schema requires ratioMetric.counter, which the specification's example leaves out"),
            Map.entry("openslo-ratio-timeslices.yaml / SLO main-page",
                    "RatioTimeslices, which the schema predates, and no ratioMetric.counter"),
            Map.entry("oslo-mix-2.yaml / Service example service",
                    "a name with a space, which oslo's own tests accept (we keep it and make a slug); the schema's pattern refuses it"),
            Map.entry("oslo-recursive-1.yaml / Service example service",
                    "a name with a space, which oslo's own tests accept; the schema's pattern refuses it"),
            Map.entry("oslo-unknown-field.yaml / Service my-rad service",
                    "a name with a space, which oslo's own tests accept; the schema's pattern refuses it"),
            Map.entry("oslo-validate-v1.yaml / Service example service",
                    "a name with a space, which oslo validates; the schema's pattern refuses it"),
            Map.entry("timeslices-slo.yaml / SLO service-availability",
                    "the specification's own example: no ratioMetric.counter, alertPolicies empty (YAML null)"));

    private static String resource(String path) {
        try (InputStream in = OpenSloSchemaAgreementTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema openSloSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder.schemas(
                (String iri) -> iri.startsWith(SCHEMAS) ? resource("/openslo/schema/" + iri.substring(SCHEMAS.length())) : null));
        return registry.getSchema(SchemaLocation.of(SCHEMAS + "v1/openslo.schema.json"));
    }

    /** The documents of a file: a stream of YAML documents, each an object or a sequence of objects. */
    private static List<JsonNode> documents(String text) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> each = new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            while (each.hasNext()) {
                JsonNode node = each.next();
                if (node == null || node.isMissingNode() || node.isNull()) {
                    continue;
                }
                if (node.isArray()) {
                    node.forEach(documents::add);
                } else {
                    documents.add(node);
                }
            }
        }
        return documents;
    }

    @Test
    void the_schema_and_we_judge_the_public_v1_documents_alike_except_where_said() throws IOException {
        Schema schema = openSloSchema();
        Map<String, String> found = new TreeMap<>();
        int judged = 0;
        for (Object[] row : OpenSloPublicCorpusTest.corpus().map(a -> a.get()).toList()) {
            String file = (String) row[0];
            String text = resource("/openslo/public/" + file);
            OpenSlo.Parsed ours = OpenSlo.read(text, true);
            List<String> refusedByUs = ours.refused().stream().map(r -> r.asViolation().field()).toList();
            for (JsonNode document : documents(text)) {
                if (!"openslo/v1".equals(document.path("apiVersion").asText())) {
                    continue; // the schema is of v1 only
                }
                judged++;
                String id = document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
                List<String> schemaErrors = schema.validate(document).stream().map(Object::toString).toList();
                boolean weRefuse = refusedByUs.stream().anyMatch(r -> r.equals(id) || r.startsWith(id + ":"));
                if (schemaErrors.isEmpty() == weRefuse) {
                    found.put(file + " / " + id, (weRefuse ? "we refuse: " + refusedByUs : "the schema refuses: " + schemaErrors));
                }
            }
        }
        assertTrue(judged >= 20, "v1 documents judged: " + judged);
        assertEquals(new TreeMap<>(DISAGREEMENTS).keySet(), found.keySet(),
                () -> found.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).collect(Collectors.joining("\n")));
    }
}
