package com.aiaops.otlp;

import com.aiaops.access.Caller;
import com.aiaops.catalog.Service;
import com.aiaops.catalog.ServiceCatalog;
import com.aiaops.catalog.ServiceRepository;
import com.aiaops.catalog.Tier;
import com.aiaops.shared.ConflictException;
import com.aiaops.shared.Sha256;
import com.aiaops.telemetry.TelemetryIngest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns OTLP exports into telemetry of the organisation's services: SERVER (and, when the organisation says so,
 * CONSUMER) spans into request observations, HTTP server duration histograms into counted minutes. One export is
 * applied in one transaction, acknowledged once committed, like every other batch.
 */
@ApplicationScoped
public class OtlpIngest {
    /** The stable semantic-conventions metric (seconds) and its older name (milliseconds). */
    static final String REQUEST_DURATION = "http.server.request.duration";
    static final String OLD_REQUEST_DURATION = "http.server.duration";
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(OtlpIngest.class);

    @Inject
    TelemetryIngest telemetry;

    @Inject
    ServiceRepository services;

    @Inject
    ServiceCatalog catalog;

    @Inject
    OtlpSettingsService settingsService;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    public OtlpOutcome traces(Caller caller, ExportTraceServiceRequest request, byte[] body) {
        OtlpSettings settings = settingsService.settings(caller.organizationId());
        TelemetryIngest.Recording recording = telemetry.recording(caller);
        Refusals refusals = new Refusals();
        Map<String, Optional<Service>> resolved = new HashMap<>();
        long notRequests = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String name = stringAttribute(resourceSpans.getResource().getAttributesList(), "service.name");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    boolean isRequest = span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
                            || settings.consumerSpans() && span.getKind() == Span.SpanKind.SPAN_KIND_CONSUMER;
                    if (!isRequest) {
                        notRequests++;
                        continue;
                    }
                    Optional<Service> service = resolve(caller, settings, name, resolved, refusals, 1);
                    if (service.isEmpty()) {
                        continue;
                    }
                    long start = span.getStartTimeUnixNano();
                    long end = span.getEndTimeUnixNano();
                    if (start <= 0 || end < start) {
                        refusals.add("a span's end is before its start, or its start is missing");
                        continue;
                    }
                    Instant at = instantOf(start);
                    String refusal = recording.refusalOf(at);
                    if (refusal != null) {
                        refusals.add("span times " + refusal);
                        continue;
                    }
                    Long status = longAttribute(span.getAttributesList(), "http.response.status_code", "http.status_code");
                    boolean errorRecorded = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
                    boolean good = !settings.ruleFor(service.get().id()).isBad(status, errorRecorded);
                    double latencyMs = Math.min((end - start) / 1_000_000.0, 3_600_000);
                    recording.observe(service.get(), at, good, latencyMs);
                }
            }
        }
        if (recording.items() > 0) {
            recording.commit(java.util.HexFormat.of().formatHex(Sha256.digest(body)), null);
        }
        String ignored = notRequests == 0 ? null : notRequests + " span(s) that are not "
                + (settings.consumerSpans() ? "SERVER or CONSUMER" : "SERVER") + " spans were not counted as requests";
        return new OtlpOutcome(recording.items(), refusals.count, refusals.message(ignored));
    }

    public OtlpOutcome metrics(Caller caller, ExportMetricsServiceRequest request, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return metricsOnce(caller, request, body);
            } catch (RuntimeException e) {
                // Another export of the same cumulative series was applied meanwhile: read its state again.
                if (attempt >= ATTEMPTS || !isConcurrentChange(e)) {
                    throw e;
                }
                LOG.debugf("OTLP metrics of %s met a concurrent export of the same series (attempt %d)", caller.organizationId(), attempt);
            }
        }
    }

    private OtlpOutcome metricsOnce(Caller caller, ExportMetricsServiceRequest request, byte[] body) {
        OtlpSettings settings = settingsService.settings(caller.organizationId());
        TelemetryIngest.Recording recording = telemetry.recording(caller);
        Refusals refusals = new Refusals();
        Map<String, Optional<Service>> resolved = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        long otherPoints = 0;
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            Resource resource = resourceMetrics.getResource();
            String name = stringAttribute(resource.getAttributesList(), "service.name");
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    boolean duration = metric.getName().equals(REQUEST_DURATION) || metric.getName().equals(OLD_REQUEST_DURATION);
                    boolean histogram = metric.hasHistogram() || metric.hasExponentialHistogram();
                    if (!duration || !histogram) {
                        otherPoints += pointsOf(metric);
                        continue;
                    }
                    Optional<Service> service = resolve(caller, settings, name, resolved, refusals, pointsOf(metric));
                    Double millisPerUnit = millisPerUnit(metric);
                    if (service.isEmpty()) {
                        continue;
                    }
                    if (millisPerUnit == null) {
                        refusals.add(pointsOf(metric), "unit '" + metric.getUnit() + "' of " + metric.getName() + " is not a duration (s, ms, us, ns)");
                        continue;
                    }
                    FailureRule rule = settings.ruleFor(service.get().id());
                    String resourceKey = identity(resource.getAttributesList());
                    if (metric.hasHistogram()) {
                        boolean cumulative = metric.getHistogram().getAggregationTemporality()
                                == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
                        for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
                            try {
                                HistogramPoint point = p.getBucketCountsCount() == 0
                                        ? HistogramPoint.explicit(new double[0], new long[] {p.getCount()}, p.hasMax() ? p.getMax() : Double.NaN)
                                        : HistogramPoint.explicit(p.getExplicitBoundsList().stream().mapToDouble(Double::doubleValue).toArray(),
                                        p.getBucketCountsList().stream().mapToLong(Long::longValue).toArray(), p.hasMax() ? p.getMax() : Double.NaN);
                                samples.add(new Sample(service.get(), cumulative, metric.getName() + "|" + resourceKey + "|" + identity(p.getAttributesList()),
                                        p.getStartTimeUnixNano(), p.getTimeUnixNano(), point, millisPerUnit,
                                        !rule.isBad(longAttribute(p.getAttributesList(), "http.response.status_code", "http.status_code"),
                                                hasAttribute(p.getAttributesList(), "error.type"))));
                            } catch (IllegalArgumentException e) {
                                refusals.add("a histogram point of " + metric.getName() + " " + e.getMessage());
                            }
                        }
                    } else {
                        boolean cumulative = metric.getExponentialHistogram().getAggregationTemporality()
                                == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
                        for (ExponentialHistogramDataPoint p : metric.getExponentialHistogram().getDataPointsList()) {
                            try {
                                long belowZero = p.getNegative().getBucketCountsList().stream().mapToLong(Long::longValue).sum();
                                HistogramPoint point = HistogramPoint.exponential(p.getScale(), p.getPositive().getOffset(),
                                        p.getPositive().getBucketCountsList().stream().mapToLong(Long::longValue).toArray(),
                                        p.getZeroCount() + belowZero, p.hasMax() ? p.getMax() : Double.NaN);
                                samples.add(new Sample(service.get(), cumulative, metric.getName() + "|" + resourceKey + "|" + identity(p.getAttributesList()),
                                        p.getStartTimeUnixNano(), p.getTimeUnixNano(), point, millisPerUnit,
                                        !rule.isBad(longAttribute(p.getAttributesList(), "http.response.status_code", "http.status_code"),
                                                hasAttribute(p.getAttributesList(), "error.type"))));
                            } catch (IllegalArgumentException e) {
                                refusals.add("an exponential histogram point of " + metric.getName() + " " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        Map<String, CumulativeSeries> series = seriesOf(caller, samples);
        List<CumulativeSeries> advanced = new ArrayList<>();
        long baselines = 0;
        long repeated = 0;
        for (Sample sample : samples) {
            Instant at = instantOf(sample.timeUnixNano);
            String refusal = sample.timeUnixNano <= 0 ? "has no time" : recording.refusalOf(at);
            if (refusal != null) {
                refusals.add("a data point " + refusal);
                continue;
            }
            HistogramPoint delta = sample.point;
            if (sample.cumulative) {
                CumulativeSeries state = series.get(sample.seriesKey());
                if (!state.isNew() && state.startTimeUnixNano() == sample.startTimeUnixNano && sample.timeUnixNano <= state.timeUnixNano()) {
                    repeated++; // this point, or a later one, was counted already (a retried export)
                    continue;
                }
                boolean continues = !state.isNew() && state.startTimeUnixNano() == sample.startTimeUnixNano;
                delta = continues ? sample.point.minus(state.point()) : sample.point;
                state.advance(sample.startTimeUnixNano, sample.timeUnixNano, sample.point, clock.instant());
                advanced.add(state);
                if (delta == null) {
                    baselines++;
                    continue;
                }
            }
            long total;
            try {
                total = delta.total();
            } catch (ArithmeticException e) {
                refusals.add("a data point counts more requests than can be stored");
                continue;
            }
            if (total > 0) {
                recording.count(sample.service, at, total, sample.good ? total : 0, delta.latencies(sample.millisPerUnit));
            }
        }
        if (recording.items() > 0 || !advanced.isEmpty()) {
            // merge checks the version read above: a concurrent export of a series fails this one, which starts again
            recording.commit(java.util.HexFormat.of().formatHex(Sha256.digest(body)), () -> advanced.forEach(s -> {
                if (s.isUnsaved()) {
                    em.persist(s);
                } else {
                    em.merge(s);
                }
            }));
        }
        List<String> notes = new ArrayList<>();
        if (otherPoints > 0) {
            notes.add(otherPoints + " data point(s) of other metrics were not used (only " + REQUEST_DURATION + " and "
                    + OLD_REQUEST_DURATION + " histograms are)");
        }
        if (repeated > 0) {
            notes.add(repeated + " cumulative point(s) were counted before (a retried export)");
        }
        if (baselines > 0) {
            notes.add(baselines + " cumulative point(s) went down or changed buckets without a new start time; they start a new baseline");
        }
        return new OtlpOutcome(recording.items(), refusals.count, refusals.message(notes.isEmpty() ? null : String.join("; ", notes)));
    }

    /** The kept state of every cumulative series in the export, new ones unsaved. */
    private Map<String, CumulativeSeries> seriesOf(Caller caller, List<Sample> samples) {
        Map<String, CumulativeSeries> byKey = new HashMap<>();
        List<String> keys = samples.stream().filter(Sample::cumulative).map(Sample::seriesKey).distinct().toList();
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            em.createQuery("select s from CumulativeSeries s where s.seriesKey in :keys", CumulativeSeries.class)
                    .setParameter("keys", chunk).getResultList().forEach(s -> {
                        em.detach(s);
                        byKey.put(s.seriesKey(), s);
                    });
        }
        for (String key : keys) {
            byKey.computeIfAbsent(key, k -> new CumulativeSeries(caller.organizationId(), k));
        }
        return byKey;
    }

    private record Sample(Service service, boolean cumulative, String identity, long startTimeUnixNano, long timeUnixNano,
                          HistogramPoint point, double millisPerUnit, boolean good) {
        String seriesKey() {
            return Sha256.hex(identity);
        }
    }

    private Optional<Service> resolve(Caller caller, OtlpSettings settings, String name, Map<String, Optional<Service>> resolved,
                                      Refusals refusals, long items) {
        Optional<Service> service = resolved.computeIfAbsent(name == null ? "" : name, n -> find(caller, settings, n));
        if (service.isEmpty()) {
            refusals.add(items, name == null ? "the resource has no service.name"
                    : "no service '" + slugOf(name) + "' for service.name '" + shorten(name) + "' (register it, or allow auto-registration)");
        }
        return service;
    }

    private Optional<Service> find(Caller caller, OtlpSettings settings, String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String slug = slugOf(name);
        Optional<Service> exact = services.findBySlug(caller.organizationId(), name);
        if (exact.isPresent() || slug.length() < 2) {
            return exact;
        }
        Optional<Service> found = services.findBySlug(caller.organizationId(), slug);
        if (found.isPresent() || !settings.autoRegister()) {
            return found;
        }
        try {
            return Optional.of(catalog.register(caller, slug, shorten(name), "unassigned", Tier.STANDARD,
                    "Registered on its first OTLP data, from service.name '" + shorten(name) + "'"));
        } catch (ConflictException e) { // registered meanwhile by a concurrent export
            return services.findBySlug(caller.organizationId(), slug);
        }
    }

    /** {@code service.name} as a slug: lowercase letters, digits and dashes, at most 63. */
    static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 63 ? slug.substring(0, 63).replaceAll("-+$", "") : slug;
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    /** Milliseconds per unit of the metric; the semantic conventions' unit when it gives none; null when not a duration. */
    private static Double millisPerUnit(Metric metric) {
        String unit = metric.getUnit().isEmpty() ? (metric.getName().equals(REQUEST_DURATION) ? "s" : "ms") : metric.getUnit();
        return switch (unit) {
            case "s" -> 1000.0;
            case "ms" -> 1.0;
            case "us", "µs" -> 0.001;
            case "ns" -> 0.000001;
            default -> null;
        };
    }

    private static long pointsOf(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            default -> 0;
        };
    }

    private static Instant instantOf(long unixNano) {
        return Instant.ofEpochSecond(unixNano / 1_000_000_000L, unixNano % 1_000_000_000L);
    }

    static String stringAttribute(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key) && kv.getValue().hasStringValue()) {
                return kv.getValue().getStringValue();
            }
        }
        return null;
    }

    private static boolean hasAttribute(List<KeyValue> attributes, String key) {
        return attributes.stream().anyMatch(kv -> kv.getKey().equals(key));
    }

    /** An integer attribute, also when an instrumentation wrote it as a string. */
    static Long longAttribute(List<KeyValue> attributes, String... keys) {
        for (String key : keys) {
            for (KeyValue kv : attributes) {
                if (!kv.getKey().equals(key)) {
                    continue;
                }
                AnyValue value = kv.getValue();
                if (value.hasIntValue()) {
                    return value.getIntValue();
                }
                if (value.hasStringValue() && value.getStringValue().matches("\\d{1,9}")) {
                    return Long.parseLong(value.getStringValue());
                }
            }
        }
        return null;
    }

    /** Attributes as one stable text, whatever order the sender wrote them in. */
    private static String identity(List<KeyValue> attributes) {
        return attributes.stream().sorted(Comparator.comparing(KeyValue::getKey))
                .map(kv -> kv.getKey() + "=" + kv.getValue().toString().replace('\n', ' '))
                .collect(Collectors.joining(","));
    }

    private static boolean isConcurrentChange(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof org.hibernate.StaleStateException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Refused items, counted, with their reasons (the commonest first, a few of them). */
    private static final class Refusals {
        private final Map<String, Long> reasons = new LinkedHashMap<>();
        private long count;

        void add(String reason) {
            add(1, reason);
        }

        void add(long items, String reason) {
            count += items;
            reasons.merge(reason, items, Long::sum);
        }

        String message(String note) {
            String refused = reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .map(e -> e.getValue() + " refused: " + e.getKey()).collect(Collectors.joining("; "));
            if (note == null) {
                return refused;
            }
            return refused.isEmpty() ? note : refused + "; " + note;
        }
    }
}
