package com.aiaops.prometheus;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes metric families as text for a scraper: OpenMetrics 1.0 (what Prometheus asks for first: counter families
 * named without {@code _total}, {@code # EOF} at the end) or Prometheus' text format 0.0.4 (what curl and promtool
 * read). Label values and HELP are escaped as both formats require, so a service or SLO name can hold any character.
 */
public enum ExpositionFormat {
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format a scraper's Accept header asks for: OpenMetrics when it names it, else the older text. */
    public static ExpositionFormat forAccept(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    public String write(List<MetricFamily> families) {
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily family : families) {
            boolean counter = family.type() == MetricFamily.Type.COUNTER;
            String familyName = counter && this == PROMETHEUS_TEXT ? family.name() + "_total" : family.name();
            out.append("# HELP ").append(familyName).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(familyName).append(' ').append(family.type().name().toLowerCase(Locale.ROOT)).append('\n');
            for (MetricFamily.Sample sample : family.samples()) {
                out.append(counter ? family.name() + "_total" : family.name() + sample.suffix());
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(label.getKey()).append("=\"").append(escapeLabel(label.getValue())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(sample.value())).append('\n');
            }
        }
        if (this == OPENMETRICS) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
