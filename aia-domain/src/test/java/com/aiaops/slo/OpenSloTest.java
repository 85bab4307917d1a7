package com.aiaops.slo;

import com.aiaops.shared.InvalidRequestException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenSloTest {
    private static final OpenSlo.ServiceDoc CHECKOUT = new OpenSlo.ServiceDoc("checkout", "Checkout API", "Takes orders");

    private static OpenSlo.SloDoc latency() {
        SloSpec spec = new SloSpec(0.995, TimeWindow.calendar(SloDuration.parse("1M"), LocalDateTime.parse("2026-01-01T00:00"),
                ZoneId.of("Europe/Paris")), BudgetingMethod.TIMESLICES, 0.95, Duration.ofMinutes(5), 50,
                List.of(new BurnRateRule(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, BurnRateRule.Severity.PAGE),
                        new BurnRateRule(Duration.ofDays(3), Duration.ofHours(6), 1, BurnRateRule.Severity.TICKET)));
        return new OpenSlo.SloDoc("checkout-latency", "Checkout answers fast", "checkout", Indicator.LATENCY, 300, true, false, spec, null, null);
    }

    private static OpenSlo.SloDoc availability() {
        SloSpec spec = new SloSpec(0.999, TimeWindow.rolling(SloDuration.parse("28d")), BudgetingMethod.OCCURRENCES, null, null,
                0, BurnRateRule.workbookDefaults());
        return new OpenSlo.SloDoc("checkout-availability", null, "checkout", Indicator.AVAILABILITY, null, false, false, spec, null, null);
    }

    @Test
    void what_is_written_reads_back_the_same_and_writes_again_identically() {
        String yaml = OpenSlo.write(List.of(CHECKOUT), List.of(latency(), availability()));
        OpenSlo.Parsed parsed = OpenSlo.read(yaml);
        assertEquals(List.of(CHECKOUT), parsed.services());
        assertEquals(List.of(latency(), availability()), parsed.slos());
        assertTrue(parsed.findings().stream().allMatch(f -> f.reason().startsWith("ignored")), parsed.findings().toString());
        assertEquals(yaml, OpenSlo.write(parsed.services(), parsed.slos()));
    }

    @Test
    void fields_it_does_not_support_are_reported_not_dropped() {
        String yaml = """
                apiVersion: openslo/v1
                kind: SLO
                metadata:
                  name: api-availability
                  labels: {team: [payments]}
                spec:
                  service: api
                  description: the API answers
                  indicator:
                    metadata: {name: api-ratio}
                    spec:
                      ratioMetric:
                        counter: true
                        good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(ok[1m]))'}}}
                        total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(all[1m]))'}}}
                  timeWindow: [{duration: 30d, isRolling: true}]
                  budgetingMethod: Occurrences
                  objectives: [{target: 0.999, displayName: three nines, colour: green}]
                ---
                apiVersion: openslo/v1
                kind: DataSource
                metadata: {name: prometheus}
                spec: {type: Prometheus, connectionDetails: {url: 'http://prometheus:9090'}}
                """;
        OpenSlo.Parsed parsed = OpenSlo.read(yaml);
        assertEquals(1, parsed.slos().size());
        List<String> paths = parsed.findings().stream().map(f -> f.document() + " " + f.path()).toList();
        // labels and the description are kept for the export, not reported as dropped
        assertTrue(paths.stream().noneMatch(p -> p.contains("labels") || p.contains("description")), paths.toString());
        assertEquals("{\"labels\":{\"team\":[\"payments\"]},\"description\":\"the API answers\"}", parsed.slos().get(0).keptMetadata());
        assertTrue(paths.contains("SLO api-availability spec.objectives[0].colour"), paths.toString());
        assertTrue(paths.contains("DataSource prometheus "), paths.toString());
        assertEquals(BurnRateRule.workbookDefaults(), parsed.slos().get(0).spec().rules());
    }

    @Test
    void documents_it_cannot_understand_are_refused_with_reasons() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> OpenSlo.read("""
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: broken}
                spec:
                  service: api
                  indicator: {metadata: {name: x}, spec: {ratioMetric: {counter: true}}}
                  timeWindow: [{duration: 30 days, isRolling: true}]
                  objectives: [{target: 0.99}]
                """));
        assertEquals("SLO broken: spec.timeWindow[0].duration", e.violations().get(0).field());
        assertThrows(InvalidRequestException.class, () -> OpenSlo.read("apiVersion: openslo/v2\nkind: SLO\nmetadata: {name: x}\n"));
        assertThrows(InvalidRequestException.class, () -> OpenSlo.read("{unclosed: [1, 2"));
    }
}
