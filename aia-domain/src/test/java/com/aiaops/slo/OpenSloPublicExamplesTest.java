package com.aiaops.slo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenSLO documents as others write them (test resources under openslo/public, with their sources in README.md there),
 * each with its expected outcome.
 */
class OpenSloPublicExamplesTest {
    static String example(String name) throws IOException {
        try (InputStream in = OpenSloPublicExamplesTest.class.getResourceAsStream("/openslo/public/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> findings(OpenSlo.Parsed parsed) {
        return parsed.findings().stream().map(f -> f.path() + ": " + f.reason()).toList();
    }

    /** OpenSLO's occurrences example: a latency SLO "good if < 500 ms"; the strict bound stays strict, and is written back as lt. */
    @Test
    void the_specifications_occurrences_example_imports_and_says_what_it_changed() throws Exception {
        OpenSlo.Parsed parsed = OpenSlo.read(example("occurences-slo.yaml"));
        assertEquals(1, parsed.slos().size());
        OpenSlo.SloDoc slo = parsed.slos().get(0);
        assertEquals("search-slo", slo.name());
        assertEquals("web-shop", slo.service());
        assertEquals(Indicator.LATENCY, slo.indicator());
        assertEquals(500, slo.latencyThresholdMs());
        assertEquals(0.99, slo.spec().target());
        assertTrue(slo.spec().window().rolling());
        assertTrue(slo.latencyThresholdStrict());
        assertTrue(findings(parsed).stream().noneMatch(f -> f.contains("objectives[0].op")), findings(parsed).toString());
        String exported = OpenSlo.write(List.of(), List.of(slo));
        assertTrue(exported.contains("op: lt"), exported);
        assertTrue(OpenSlo.read(exported).slos().get(0).latencyThresholdStrict());
    }

    /**
     * OpenSLO's time-slices example writes its calendar start as an unquoted YAML timestamp; it is the local time
     * 12:00 in the window's zone (it used to be turned into a date of the parser's zone, and then refused with a
     * message naming no field). Its "1m" is one minute by OpenSLO's duration shorthand (a month is "1M"), whatever
     * its comment says; the second objective and "op" on a ratio objective are reported, not taken.
     */
    @Test
    void the_specifications_time_slices_example_keeps_its_calendar_start_as_written() throws Exception {
        OpenSlo.Parsed parsed = OpenSlo.read(example("timeslices-slo.yaml"));
        OpenSlo.SloDoc slo = parsed.slos().get(0);
        assertEquals(BudgetingMethod.TIMESLICES, slo.spec().method());
        assertEquals(LocalDateTime.of(2022, 1, 1, 12, 0), slo.spec().window().calendarStart());
        assertEquals(ZoneId.of("America/New_York"), slo.spec().window().timeZone());
        assertEquals("1m", slo.spec().window().duration().toString());
        assertEquals(0.995, slo.spec().target());
        assertEquals(0.99, slo.spec().timeSliceTarget());
        List<String> findings = findings(parsed);
        assertTrue(findings.contains("spec.objectives[1..]: only the first objective is imported"), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("spec.objectives[0].op:")), findings.toString());
    }

    @Test
    void a_calendar_start_that_is_no_date_is_refused_naming_the_field() {
        var refused = org.junit.jupiter.api.Assertions.assertThrows(com.aiaops.shared.InvalidRequestException.class, () -> OpenSlo.read("""
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: monthly}
                spec:
                  service: api
                  indicator: {metadata: {name: ok}, spec: {ratioMetric: {good: {}, total: {}}}}
                  timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: "first of January", timeZone: UTC}}]
                  objectives: [{target: 0.99}]
                """));
        assertEquals("SLO monthly: spec.timeWindow[0].calendar.startTime", refused.violations().get(0).field(), refused.violations().toString());
    }

    /** Several tools write a file as one YAML sequence of documents instead of a stream separated by "---". */
    @Test
    void a_yaml_sequence_of_documents_is_read_like_a_stream() {
        OpenSlo.Parsed parsed = OpenSlo.read("""
                - apiVersion: openslo/v1
                  kind: Service
                  metadata: {name: api}
                  spec: {description: the API}
                - apiVersion: openslo/v1
                  kind: SLI
                  metadata: {name: api-ok}
                  spec: {ratioMetric: {counter: true, good: {}, total: {}}}
                - apiVersion: openslo/v1
                  kind: SLO
                  metadata: {name: api-availability}
                  spec:
                    service: api
                    indicatorRef: api-ok
                    timeWindow: [{duration: 28d, isRolling: true}]
                    objectives: [{target: 0.999}]
                """);
        assertEquals(List.of("api"), parsed.services().stream().map(OpenSlo.ServiceDoc::name).toList());
        assertEquals(List.of("api-availability"), parsed.slos().stream().map(OpenSlo.SloDoc::name).toList());
        assertEquals(Indicator.AVAILABILITY, parsed.slos().get(0).indicator());
    }

    /**
     * The OpenSLO SDK's v1alpha example (a YAML sequence) converts to v1 — week window from unit and count, the
     * objective's ratioMetrics as the indicator — and is then refused for what v1alpha cannot say: a time-slice SLO
     * without the length of its slices.
     */
    @Test
    void the_sdks_v1alpha_example_converts_and_is_refused_for_its_missing_slice_length() throws Exception {
        var refused = org.junit.jupiter.api.Assertions.assertThrows(com.aiaops.shared.InvalidRequestException.class,
                () -> OpenSlo.read(example("v1alpha-slo.yaml")));
        assertEquals("SLO web-availability: spec.objectives[0].timeSliceWindow", refused.violations().get(0).field());
        assertTrue(refused.violations().get(0).message().contains("timeSliceWindow"), refused.violations().toString());
    }

    @Test
    void a_v1alpha_document_imports_as_its_v1_equivalent() {
        OpenSlo.Parsed parsed = OpenSlo.read("""
                apiVersion: openslo/v1alpha
                kind: SLO
                metadata: {name: checkout-availability}
                spec:
                  service: checkout
                  budgetingMethod: Occurrences
                  timeWindows: [{unit: Day, count: 30, isRolling: true}]
                  objectives:
                    - target: 0.999
                      ratioMetrics:
                        good: {source: prometheus, queryType: promql, query: 'sum(rate(ok_total[5m]))'}
                        total: {source: prometheus, queryType: promql, query: 'sum(rate(all_total[5m]))'}
                """);
        OpenSlo.SloDoc slo = parsed.slos().get(0);
        assertEquals(Indicator.AVAILABILITY, slo.indicator());
        assertEquals("30d", slo.spec().window().duration().toString());
        assertTrue(slo.spec().window().rolling());
        assertEquals(0.999, slo.spec().target());
        assertTrue(findings(parsed).contains("apiVersion: openslo/v1alpha, converted to openslo/v1"), findings(parsed).toString());
    }
}
