package com.aiaops.prometheus;

import com.aiaops.telemetry.IngestGroups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The platform's own metrics on this node, for the operators' Prometheus: API requests as a latency histogram by
 * method, route template and status, and telemetry received. Kept here rather than in WildFly's Micrometer registry,
 * which takes no per-meter configuration (WFLYMMTREXT0015): no HELP text and no histogram buckets there.
 */
@ApplicationScoped
public class PlatformMetrics {
    /** Upper bounds of the latency buckets in seconds: the usual SLO thresholds of an API, 5 ms to 10 s, then +Inf. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};

    /** One histogram: a count per bucket (not cumulative), the sum of seconds. */
    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (seconds > BOUNDS[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(seconds);
        }

        long[] cumulative() {
            long[] counts = new long[buckets.length];
            long running = 0;
            for (int i = 0; i < buckets.length; i++) {
                running += buckets[i].sum();
                counts[i] = running;
            }
            return counts;
        }
    }

    private record RequestKey(String method, String route, String status) {
    }

    private record TelemetryKey(String kind, String result) {
    }

    @Inject
    IngestGroups ingestGroups;

    @Inject
    com.aiaops.slo.StatusesAhead statusesAhead;

    private final Map<RequestKey, Histogram> requests = new ConcurrentHashMap<>();
    private final Map<TelemetryKey, LongAdder> batches = new ConcurrentHashMap<>();
    private final Map<TelemetryKey, LongAdder> records = new ConcurrentHashMap<>();

    public void requestServed(String method, String route, int status, long nanos) {
        requests.computeIfAbsent(new RequestKey(method, route, Integer.toString(status)), key -> new Histogram()).observe(nanos / 1e9);
    }

    /**
     * A telemetry batch of {@code kind} (observations, minutes, or OTLP's spans and minutes) was received with {@code result}
     * (accepted or duplicate; for OTLP, the items accepted and those rejected).
     */
    public void telemetryReceived(String kind, String result, long recordCount) {
        TelemetryKey key = new TelemetryKey(kind, result);
        batches.computeIfAbsent(key, k -> new LongAdder()).increment();
        records.computeIfAbsent(key, k -> new LongAdder()).add(recordCount);
    }

    public List<MetricFamily> families() {
        MetricFamily latency = new MetricFamily("aia_http_server_request_duration_seconds", MetricFamily.Type.HISTOGRAM,
                "API requests on this node by method, route template and status, and how long they took");
        requests.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().route() + ' ' + e.getKey().method() + ' ' + e.getKey().status()))
                .forEach(e -> latency.addHistogram(BOUNDS, e.getValue().cumulative(), e.getValue().sum.sum(), "method", e.getKey().method(),
                        "route", e.getKey().route(), "status", e.getKey().status()));
        MetricFamily batchCount = counters("aia_telemetry_batches",
                "Telemetry batches received on this node, by kind (observations, minutes, otlp-spans, otlp-minutes) and result "
                        + "(accepted, duplicate, rejected)", batches);
        MetricFamily recordCount = counters("aia_telemetry_records",
                "Telemetry records (observations, or per-minute counts) in the batches received on this node, by kind and result", records);
        IngestGroups.Counts groups = ingestGroups.counts();
        MetricFamily groupTransactions = new MetricFamily("aia_telemetry_group_transactions", MetricFamily.Type.COUNTER,
                "Transactions on this node that wrote an organisation's concurrent telemetry batches together, by result "
                        + "(committed; failed, whose batches were then written alone)")
                .add((double) groups.transactions(), "result", "committed").add((double) groups.failed(), "result", "failed");
        MetricFamily groupBatches = new MetricFamily("aia_telemetry_group_batches", MetricFamily.Type.COUNTER,
                "Telemetry batches written in the committed group transactions on this node (over them, the mean group size)")
                .add((double) groups.batches());
        MetricFamily batchesRefusedBusy = new MetricFamily("aia_telemetry_batches_refused_busy", MetricFamily.Type.COUNTER,
                "Telemetry batches refused on this node with a 503 because too many of their organisation's batches were "
                        + "waiting to be written (aia.telemetry.ingest.max-waiting); none of them was stored")
                .add((double) groups.refusedBusy());
        MetricFamily statusesPrepared = new MetricFamily("aia_slo_statuses_prepared", MetricFamily.Type.COUNTER,
                "SLO statuses prepared on this node before their minute began (of SLOs read in the minute or the one before)")
                .add((double) statusesAhead.prepared());
        MetricFamily preparedFor = new MetricFamily("aia_slo_statuses_prepared_minute_seconds", MetricFamily.Type.GAUGE,
                "The minute this node last prepared SLO statuses for, in seconds since the epoch")
                .add((double) statusesAhead.preparedFor().getEpochSecond());
        List<MetricFamily> families = new ArrayList<>(List.of(latency, batchCount, recordCount, groupTransactions, groupBatches, batchesRefusedBusy,
                statusesPrepared, preparedFor));
        families.addAll(JvmMetrics.families());
        families.addAll(DataSourceMetrics.families());
        return families;
    }

    private static MetricFamily counters(String name, String help, Map<TelemetryKey, LongAdder> counts) {
        MetricFamily family = new MetricFamily(name, MetricFamily.Type.COUNTER, help);
        counts.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().kind() + ' ' + e.getKey().result()))
                .forEach(e -> family.add((double) e.getValue().sum(), "kind", e.getKey().kind(), "result", e.getKey().result()));
        return family;
    }
}
