package com.aiaops.prometheus;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpositionFormatTest {

    private static List<MetricFamily> families() {
        MetricFamily burn = new MetricFamily("aia_slo_burn_rate", MetricFamily.Type.GAUGE, "How fast the budget burns")
                .add(2.5, "slo", "a \"quoted\"\\name\nwith a line", "window", "1h")
                .add(Double.NaN, "slo", "b", "window", "1h")
                .add(null, "slo", "c", "window", "1h");
        MetricFamily records = new MetricFamily("aia_telemetry_records", MetricFamily.Type.COUNTER, "Records received")
                .add(3.0, "kind", "minutes");
        MetricFamily latency = new MetricFamily("aia_request_duration_seconds", MetricFamily.Type.HISTOGRAM, "Latency")
                .addHistogram(new double[] {0.1, Double.POSITIVE_INFINITY}, new long[] {2, 3}, 0.45, "route", "/x");
        return List.of(burn, records, latency);
    }

    @Test
    void prometheus_text_names_counter_families_with_total_and_escapes_label_values() {
        assertEquals("""
                # HELP aia_slo_burn_rate How fast the budget burns
                # TYPE aia_slo_burn_rate gauge
                aia_slo_burn_rate{slo="a \\"quoted\\"\\\\name\\nwith a line",window="1h"} 2.5
                aia_slo_burn_rate{slo="b",window="1h"} NaN
                # HELP aia_telemetry_records_total Records received
                # TYPE aia_telemetry_records_total counter
                aia_telemetry_records_total{kind="minutes"} 3
                # HELP aia_request_duration_seconds Latency
                # TYPE aia_request_duration_seconds histogram
                aia_request_duration_seconds_bucket{route="/x",le="0.1"} 2
                aia_request_duration_seconds_bucket{route="/x",le="+Inf"} 3
                aia_request_duration_seconds_sum{route="/x"} 0.45
                aia_request_duration_seconds_count{route="/x"} 3
                """, ExpositionFormat.PROMETHEUS_TEXT.write(families()));
    }

    @Test
    void openmetrics_names_counter_families_without_total_and_ends_with_eof() {
        String text = ExpositionFormat.OPENMETRICS.write(families());
        assertEquals(true, text.contains("# TYPE aia_telemetry_records counter\naia_telemetry_records_total{kind=\"minutes\"} 3\n"), text);
        assertEquals(true, text.endsWith("aia_request_duration_seconds_count{route=\"/x\"} 3\n# EOF\n"), text);
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.forAccept(
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept(null));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.forAccept("*/*"));
    }

    @Test
    void names_and_labels_are_checked_where_they_are_made() {
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("aia-slo", MetricFamily.Type.GAUGE, "x"));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("aia_slo_total", MetricFamily.Type.COUNTER, "x"));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("aia_slo", MetricFamily.Type.GAUGE, " "));
        MetricFamily family = new MetricFamily("aia_slo", MetricFamily.Type.GAUGE, "x");
        assertThrows(IllegalArgumentException.class, () -> family.add(1.0, "le", "1"));
        assertThrows(IllegalArgumentException.class, () -> family.add(1.0, "__name__", "x"));
        assertThrows(IllegalArgumentException.class, () -> family.add(1.0, "slo"));
    }
}
