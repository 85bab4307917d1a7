package com.aiaops.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aiaops.shared.Page;
import com.aiaops.slo.BurnRateRule;
import com.aiaops.slo.SloDuration;
import com.aiaops.slo.SloStatus;
import com.aiaops.telemetry.Observation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The API writes records exactly as JSON-B's defaults do, without hashing them. */
class RecordWriterTest {
    private static final Jsonb DEFAULTS = JsonbBuilder.create(new JsonbConfig());
    private static final Jsonb API = new JsonbConfigurator().getContext(Object.class);

    public record Leaf(String zeta, Integer alpha, Double missing, LocalDate day, Map<String, Object> attributes) {
    }

    public record Numbers(double a, double b, double c, double d, double e, double f, double g, double h, float i, long j, int k,
                          short l, java.math.BigDecimal m, Double n, boolean o, Boolean p, Instant q, Instant r) {
    }

    public record Branch(UUID id, List<Leaf> leaves, Leaf only, Instant at, Observation.Outcome outcome, double[] samples, long count) {
    }

    /** Getter-like methods, which JSON-B writes by their whole name. */
    public record WithMethods(int a) {
        public boolean isOk() {
            return true;
        }

        public String getName() {
            return "n";
        }

        public String island() {
            return "il";
        }

        public String extra() {
            return "not a property";
        }

        public String getWithArgument(int x) {
            return "not a property";
        }

        public static String getStatic() {
            return "not a property";
        }
    }

    /** A record whose hash is never to be asked for: hashing it fails. */
    public record Unhashable(String name, List<Unhashable> children, Map<String, Unhashable> byName) {
        @Override
        public int hashCode() {
            throw new UnsupportedOperationException("hashed");
        }
    }

    private static void writesAsTheDefaults(Object value) {
        assertEquals(DEFAULTS.toJson(value), API.toJson(value));
        if (value instanceof Record || value instanceof Map) {
            assertEquals(DEFAULTS.toJson(value), RecordAnswers.write(value));
        }
    }

    @Test
    void nested_records_lists_maps_nulls_and_dates_are_written_as_the_defaults_write_them() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("b", 1.5);
        attributes.put("a", List.of("x", "y"));
        attributes.put("none", null);
        Leaf full = new Leaf("ü \"quoted\"\n", Integer.MIN_VALUE, 1e-300, LocalDate.of(9999, 12, 31), attributes);
        Leaf empty = new Leaf(null, null, null, null, Map.of());
        Branch branch = new Branch(UUID.fromString("01a248f1-f379-7b67-ae58-01f06e36e125"), List.of(full, empty), null,
                Instant.parse("2026-03-29T01:30:00.123456789Z"), Observation.Outcome.BAD, new double[] {0.1, Double.MAX_VALUE}, Long.MAX_VALUE);
        writesAsTheDefaults(branch);
        writesAsTheDefaults(new Page<>(List.of(branch, branch), "next"));
        writesAsTheDefaults(new Page<>(List.of(), null));
        writesAsTheDefaults(List.of(full, Map.of("k", empty)));
        List<Object> mixed = new ArrayList<>(List.of(List.of(full), java.util.Set.of("s"), Map.of(1, "integer key"), new int[] {1, 2}));
        mixed.add(null);
        writesAsTheDefaults(new Page<>(mixed, null));
    }

    @Test
    void numbers_at_their_edges_instants_and_enums_are_written_as_the_defaults_write_them() {
        writesAsTheDefaults(new Numbers(0.1, -0.0, 4.9e-324, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 1e21, 123456789.0,
                0.1f, Long.MIN_VALUE, Integer.MAX_VALUE, (short) -1, new java.math.BigDecimal("1E+3"), 3.0, true, false,
                Instant.parse("+1000000000-12-31T23:59:59.999999999Z"), Instant.EPOCH));
        writesAsTheDefaults(new Numbers(1, 2.5e-7, 1e16, 100, 1e7, 1e-3, 12345678901234567.0, 0.30000000000000004,
                Float.MAX_VALUE, 0, 0, (short) 0, java.math.BigDecimal.ZERO, null, false, null, Instant.MIN, Instant.parse("2026-12-06T01:02:03.100Z")));
        for (double notANumber : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Leaf leaf = new Leaf(null, null, notANumber, null, Map.of());
            assertThrows(RuntimeException.class, () -> DEFAULTS.toJson(leaf));
            assertThrows(RuntimeException.class, () -> RecordAnswers.write(leaf));
        }
        writesAsTheDefaults(Map.of("severity", List.of(BurnRateRule.Severity.PAGE, SloStatus.State.NO_DATA)));
    }

    @Test
    void public_getters_beside_the_components_are_written_as_the_defaults_write_them() {
        writesAsTheDefaults(new Observation("checkout", Instant.parse("2026-12-06T00:00:00Z"), 503, null, 12.5));
        writesAsTheDefaults(new Observation("checkout", Instant.parse("2026-12-06T00:00:00Z"), null, Observation.Outcome.GOOD, null));
        writesAsTheDefaults(SloDuration.parse("1Q"));
        writesAsTheDefaults(new WithMethods(1));
    }

    @Test
    void an_slo_status_page_is_written_as_the_defaults_write_it() {
        SloStatus status = new SloStatus(SloStatus.State.WARNING, Instant.parse("2026-11-08T00:00:00Z"), Instant.parse("2026-12-06T00:00:00Z"),
                Instant.parse("2026-12-06T00:00:30Z"), 0.999, 0.99875, 99875, 100000, null, null, 40.32, 1.25, -0.25, -10.08,
                List.of(new SloStatus.BurnRate("1h", 1200, 0.02, 20.0)),
                List.of(new SloStatus.Alert("1h", "5m", 14.4, BurnRateRule.Severity.PAGE, 20.0, 15.0, true, false)));
        writesAsTheDefaults(new Page<>(List.of(Map.of("status", status), Map.of("status", status)), "c2xv"));
        writesAsTheDefaults(status);
        writesAsTheDefaults(Map.of("items", List.of(status, status)));
        writesAsTheDefaults(Map.of(1, status));
        RecordAnswers answers = new RecordAnswers();
        assertTrue(answers.isWriteable(Map.class, Map.class, new java.lang.annotation.Annotation[0], jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE));
        assertFalse(answers.isWriteable(jakarta.json.JsonObject.class, jakarta.json.JsonObject.class, new java.lang.annotation.Annotation[0],
                jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE), "JSON-P values keep their own writer");
    }

    @Test
    void records_are_written_without_their_hash_which_the_defaults_compute_for_each_one_at_each_level() {
        List<Unhashable> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(new Unhashable("child " + i, List.of(), null));
        }
        Unhashable parent = new Unhashable("parent", children, Map.of("only", new Unhashable("only", List.of(), Map.of())));
        assertThrows(RuntimeException.class, () -> DEFAULTS.toJson(parent));
        assertEquals("{\"byName\":{\"only\":{\"byName\":{},\"children\":[],\"name\":\"only\"}},\"children\":[{\"children\":[],\"name\":\"child 0\"},"
                + "{\"children\":[],\"name\":\"child 1\"},{\"children\":[],\"name\":\"child 2\"}],\"name\":\"parent\"}", RecordAnswers.write(parent));
    }
}
