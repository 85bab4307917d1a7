package com.aiaops.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric family: a name in base units (seconds, ratios), its type, its HELP, and its samples, each with labels.
 * Gauges hold what was true at the scrape; counters only grow.
 */
public final class MetricFamily {
    public enum Type { GAUGE, COUNTER, HISTOGRAM }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** One sample; {@code suffix} is a histogram's {@code _bucket}, {@code _sum} or {@code _count}, else empty. */
    public record Sample(String suffix, Map<String, String> labels, double value) {
    }

    private final String name;
    private final Type type;
    private final String help;
    private final List<Sample> samples = new ArrayList<>();

    public MetricFamily(String name, Type type, String help) {
        if (!NAME.matcher(name).matches() || name.endsWith("_total")) {
            throw new IllegalArgumentException("not a metric family name: " + name);
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("every family says what it is: " + name);
        }
        this.name = name;
        this.type = type;
        this.help = help;
    }

    /** Adds a sample; labels in pairs (name, value), in the order given. A null value adds nothing (nothing known). */
    public MetricFamily add(Double value, String... labels) {
        return addSample("", value, labels);
    }

    /** Adds one histogram's buckets (cumulative counts at each upper bound, the last +Inf), sum and count. */
    public MetricFamily addHistogram(double[] upperBounds, long[] cumulativeCounts, double sum, String... labels) {
        if (type != Type.HISTOGRAM || upperBounds.length != cumulativeCounts.length
                || !Double.isInfinite(upperBounds[upperBounds.length - 1])) {
            throw new IllegalArgumentException("a histogram has a count per bound, the last +Inf");
        }
        for (int i = 0; i < upperBounds.length; i++) {
            String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
            withLe[labels.length] = "le";
            withLe[labels.length + 1] = Double.isInfinite(upperBounds[i]) ? "+Inf" : Double.toString(upperBounds[i]);
            addSample("_bucket", (double) cumulativeCounts[i], withLe);
        }
        addSample("_sum", sum, labels);
        return addSample("_count", (double) cumulativeCounts[cumulativeCounts.length - 1], labels);
    }

    private MetricFamily addSample(String suffix, Double value, String... labels) {
        if (value == null) {
            return this;
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            if (!LABEL.matcher(labels[i]).matches() || labels[i].startsWith("__") || (labels[i].equals("le") && suffix.isEmpty())) {
                throw new IllegalArgumentException("not a label name: " + labels[i]);
            }
            map.put(labels[i], Objects.requireNonNull(labels[i + 1], labels[i]));
        }
        samples.add(new Sample(suffix, map, value));
        return this;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
    }

    public List<Sample> samples() {
        return samples;
    }
}
