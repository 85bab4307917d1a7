package com.aiaops.telemetry;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.Counts;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Request rate, error rate and latency percentiles of a service over any window (whole minutes, UTC: 'from'
 * rounds down, 'to' up to the end of its minute), as
 * one summary or as a series with a step; and the exact counts the SLO evaluator reads.
 * <p>
 * Reads join a caller's transaction but begin none ({@code SUPPORTS}): their statements then run each on its own in
 * auto-commit ({@link RollupRepository}), which spares a read the begin and the commit, and the commit's round trip to the
 * database (docs/BENCHMARKS.md, "Reads without a transaction"). {@link #summaries} still reads entities through JPA and
 * keeps its transaction.
 */
@ApplicationScoped
public class TelemetryQuery {
    static final Duration MAX_WINDOW = Duration.ofDays(400);
    static final int MAX_POINTS = 1_500;

    @Inject
    RollupRepository rollups;

    @Inject
    KnownServices known;

    @Inject
    QueryCache cache;

    @Inject
    Clock clock;

    private static final Jsonb JSON = JsonbBuilder.create();

    /** One window's numbers. Rates are null without requests; percentiles are within 1 % of the true value. */
    public record Summary(Instant from, Instant to, long requests, long goodRequests, double requestsPerSecond,
                          Double errorRate, Double latencyMeanMs, Map<String, Double> latencyMs) {
    }

    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public Summary summary(Caller caller, UUID serviceId, Instant from, Instant to, List<Double> quantiles) {
        return JSON.fromJson(summaryJson(caller, serviceId, from, to, quantiles), Summary.class);
    }

    /** {@link #summary} as the JSON a reader is sent: a cached answer goes out as it was kept, without a round trip through objects. */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public String summaryJson(Caller caller, UUID serviceId, Instant from, Instant to, List<Double> quantiles) {
        known.require(caller.organizationId(), serviceId);
        Instant start = floorMinute(from);
        Instant end = ceilMinute(to);
        checkWindow(start, end, quantiles);
        return cache.get(serviceId, "summary|" + start + "|" + end + "|" + quantiles, () -> {
            // The sealed minutes' sum is kept until a write reaches them; after each ingest only the last minutes are read.
            Instant sealed = QueryCache.sealedBefore(clock.instant());
            RollupSum sum = new RollupSum();
            Instant recentFrom = start;
            if (start.isBefore(sealed)) {
                recentFrom = end.isBefore(sealed) ? end : sealed;
                sum.add(sealedSum(serviceId, start, recentFrom));
            }
            addRange(sum, serviceId, recentFrom, end);
            return JSON.toJson(sum.summary(start, end, quantiles));
        });
    }

    /** The sum of a service's minutes in [from, to), all sealed: kept under the service's sealed generation. */
    private RollupSum sealedSum(UUID serviceId, Instant from, Instant to) {
        return RollupSum.fromText(cache.get(new QueryCache.Question(serviceId, "sum|" + from + "|" + to, true), () -> {
            RollupSum sum = new RollupSum();
            addRange(sum, serviceId, from, to);
            return sum.toText();
        }));
    }

    private void addRange(RollupSum sum, UUID serviceId, Instant from, Instant to) {
        if (from.isBefore(to)) {
            for (TimeRanges.Piece piece : TimeRanges.decompose(from, to)) {
                rollups.range(serviceId, piece).forEach(sum::add);
            }
        }
    }

    /**
     * Many services' summaries of one window (an organisation's scorecard), read together: one query per resolution for
     * the services whose answers are not cached. A service whose rows cannot be true is named in {@code inconsistent}
     * with the reason instead of failing everyone's answer.
     */
    public record Summaries(Map<UUID, Summary> sound, Map<UUID, String> inconsistent) {
    }

    private static final String INCONSISTENT = "!";

    @Transactional
    public Summaries summaries(java.util.Collection<UUID> serviceIds, Instant from, Instant to, List<Double> quantiles) {
        Instant start = floorMinute(from);
        Instant end = ceilMinute(to);
        checkWindow(start, end, quantiles);
        Map<UUID, String> answers = cache.getEach(serviceIds, "summaries|" + start + "|" + end + "|" + quantiles, missing -> {
            Map<UUID, RollupSum> sums = new java.util.HashMap<>();
            Map<UUID, String> computed = new java.util.HashMap<>();
            missing.forEach(id -> sums.put(id, new RollupSum()));
            for (TimeRanges.Piece piece : TimeRanges.decompose(start, end)) {
                for (Rollup row : rollups.rangeOf(missing, piece)) {
                    UUID id = row.key().serviceId();
                    if (computed.containsKey(id)) {
                        continue;
                    }
                    try {
                        sums.get(id).add(row.requireSound());
                    } catch (TelemetryInconsistentException e) {
                        // Kept as this generation's answer: the same rows give the same refusal until a repair replaces them.
                        computed.put(id, INCONSISTENT + e.getMessage());
                    }
                }
            }
            sums.forEach((id, sum) -> computed.putIfAbsent(id, JSON.toJson(sum.summary(start, end, quantiles))));
            return computed;
        });
        Map<UUID, Summary> sound = new LinkedHashMap<>();
        Map<UUID, String> inconsistent = new LinkedHashMap<>();
        for (UUID id : serviceIds) {
            String answer = answers.get(id);
            if (answer.startsWith(INCONSISTENT)) {
                inconsistent.put(id, answer.substring(INCONSISTENT.length()));
            } else {
                sound.put(id, JSON.fromJson(answer, Summary.class));
            }
        }
        return new Summaries(sound, inconsistent);
    }

    /** A series as {@link #seriesJson} sends it: consecutive windows of a step, each point the summary of its window. */
    public record SeriesPoints(List<Summary> points) {
    }

    /**
     * Consecutive windows of {@code step} from {@code from}, each point the summary of its window, as the JSON a reader
     * is sent, {@code {"points":[...]}}. Each point is cached on its own: one that
     * ends before the {@linkplain QueryCache#sealedBefore sealed} minutes under the service's sealed generation, which
     * only a write into those minutes replaces, the last few under the generation every ingest replaces. A dashboard
     * read again after each batch then reads the rows of its last points only.
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public String seriesJson(Caller caller, UUID serviceId, Instant from, Instant to, Duration step, List<Double> quantiles) {
        known.require(caller.organizationId(), serviceId);
        Instant start = floorMinute(from);
        Instant end = ceilMinute(to);
        checkWindow(start, end, quantiles);
        if (step == null || step.toMinutes() < 1 || step.toSeconds() % 60 != 0) {
            throw InvalidRequestException.ofField("invalid-parameter", "step", "must be whole minutes, at least 1m");
        }
        long points = (Duration.between(start, end).toMinutes() + step.toMinutes() - 1) / step.toMinutes();
        if (points > MAX_POINTS) {
            throw InvalidRequestException.ofField("invalid-parameter", "step", "gives " + points + " points; at most " + MAX_POINTS + " (use a larger step)");
        }
        Resolution resolution = coarsestFitting(start, step);
        Instant sealed = QueryCache.sealedBefore(clock.instant());
        List<Window> windows = new ArrayList<>();
        Map<Integer, QueryCache.Question> questions = new LinkedHashMap<>();
        for (int i = 0; i < points; i++) {
            Instant pointStart = start.plus(step.multipliedBy(i));
            Instant pointEnd = pointStart.plus(step).isAfter(end) ? end : pointStart.plus(step);
            windows.add(new Window(pointStart, pointEnd));
            questions.put(i, new QueryCache.Question(serviceId, "point|" + pointStart + "|" + pointEnd + "|" + quantiles,
                    !pointEnd.isAfter(sealed)));
        }
        Map<Integer, String> answers = cache.getEach(questions, missing -> {
            Map<Integer, RollupSum> sums = new java.util.HashMap<>();
            missing.forEach(i -> sums.put(i, new RollupSum()));
            // Every point but the last spans whole buckets of the resolution; read those at once. The last may end inside
            // a bucket (an hourly series up to now): its rows are read piece by piece, so no minute after 'to' counts.
            List<Integer> whole = missing.stream().filter(i -> resolution.isAligned(windows.get(i).to())).toList();
            if (!whole.isEmpty()) {
                Instant wholeFrom = windows.get(whole.get(0)).from();
                Instant wholeTo = windows.get(whole.get(whole.size() - 1)).to();
                for (Rollup rollup : rollups.range(serviceId, new TimeRanges.Piece(resolution, wholeFrom, wholeTo))) {
                    RollupSum sum = sums.get((int) (Duration.between(start, rollup.key().bucketStart()).toMinutes() / step.toMinutes()));
                    if (sum != null) {
                        sum.add(rollup);
                    }
                }
            }
            for (int i : missing) {
                if (!resolution.isAligned(windows.get(i).to())) {
                    for (TimeRanges.Piece piece : TimeRanges.decompose(windows.get(i).from(), windows.get(i).to())) {
                        rollups.range(serviceId, piece).forEach(sums.get(i)::add);
                    }
                }
            }
            Map<Integer, String> computed = new java.util.HashMap<>();
            sums.forEach((i, sum) -> computed.put(i, JSON.toJson(sum.summary(windows.get(i).from(), windows.get(i).to(), quantiles))));
            return computed;
        });
        StringBuilder json = new StringBuilder(answers.size() * 160 + 16).append("{\"points\":[");
        for (int i = 0; i < points; i++) {
            json.append(i == 0 ? "" : ",").append(answers.get(i));
        }
        return json.append("]}").toString();
    }

    /**
     * Exact counts in [from, to) for an SLO: good requests for availability, or requests at or under the
     * latency threshold (out of those counted for it) for latency.
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public Counts counts(UUID serviceId, Integer latencyThresholdMillis, Instant from, Instant to) {
        Window window = Window.of(from, to);
        String answer = cache.get(serviceId, countsQuestion(latencyThresholdMillis, window), () -> {
            Counts counts = Counts.NONE;
            for (TimeRanges.Piece piece : TimeRanges.decompose(window.from(), window.to())) {
                for (BucketCounts bucket : rollups.countsIn(serviceId, piece)) {
                    counts = counts.plus(bucket.counts(latencyThresholdMillis));
                }
            }
            return printCounts(counts);
        });
        return parseCounts(answer);
    }

    /** Whole minutes [from, to): 'from' rounded down, 'to' up to the end of its minute, as every count is taken. */
    public record Window(Instant from, Instant to) {
        public static Window of(Instant from, Instant to) {
            return new Window(floorMinute(from), ceilMinute(to));
        }
    }

    /**
     * The exact counts of several windows of one service (an SLO's period, its burn-rate windows and the maintenance
     * inside them), each as {@link #counts(UUID, Integer, Instant, Instant)} answers it. Keyed by {@link Window#of}.
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public Map<Window, Counts> counts(UUID serviceId, Integer latencyThresholdMillis, java.util.Collection<Window> windows) {
        Counted counted = new Counted(serviceId, latencyThresholdMillis);
        return counts(Map.of(counted, windows)).get(counted);
    }

    /** Whose counts a caller asks for: a service's good requests (no threshold) or those at or under a latency threshold. */
    public record Counted(UUID serviceId, Integer latencyThresholdMillis) {
    }

    /**
     * The exact counts of several windows of several services (a page of SLO statuses), each as
     * {@link #counts(UUID, Integer, Instant, Instant)} answers it: cached answers read at once, the rest summed from one
     * query per resolution over all their services and pieces, instead of one query per piece, window and SLO.
     * Keyed by {@link Window#of}. A row that cannot be true fails the whole read. A window reaching into the last minutes
     * is counted in two parts: its {@linkplain QueryCache#sealedBefore sealed} minutes, cached until a write reaches them,
     * and the last minutes, which every ingest makes unreachable; a status evaluated again after each batch then reads
     * only the last minutes' rows.
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public Map<Counted, Map<Window, Counts>> counts(Map<Counted, ? extends java.util.Collection<Window>> asked) {
        Map<String, Part> parts = new LinkedHashMap<>();
        Map<Counted, Map<Window, List<String>>> partsOf = new LinkedHashMap<>();
        Instant sealed = QueryCache.sealedBefore(clock.instant());
        asked.forEach((counted, windows) -> {
            Map<Window, List<String>> ofCounted = partsOf.computeIfAbsent(counted, c -> new LinkedHashMap<>());
            for (Window w : windows) {
                Window window = Window.of(w.from(), w.to());
                List<String> keys = new ArrayList<>(2);
                if (window.from().isBefore(sealed)) {
                    Window part = window.to().isAfter(sealed) ? new Window(window.from(), sealed) : window;
                    keys.add(Part.register(parts, new Part(counted, part, true)));
                }
                if (window.to().isAfter(sealed)) {
                    Window part = window.from().isBefore(sealed) ? new Window(sealed, window.to()) : window;
                    keys.add(Part.register(parts, new Part(counted, part, false)));
                }
                ofCounted.put(window, keys);
            }
        });
        Map<String, QueryCache.Question> questions = new LinkedHashMap<>();
        parts.forEach((key, part) -> questions.put(key, new QueryCache.Question(part.counted().serviceId(), part.question(), part.sealedOnly())));
        Map<String, String> answers = cache.getEach(questions, missing -> {
            java.util.Set<UUID> services = new java.util.HashSet<>();
            Map<Resolution, List<TimeRanges.Piece>> pieces = new java.util.EnumMap<>(Resolution.class);
            for (String key : missing) {
                Window window = parts.get(key).window();
                services.add(parts.get(key).counted().serviceId());
                for (TimeRanges.Piece piece : TimeRanges.decompose(window.from(), window.to())) {
                    pieces.computeIfAbsent(piece.resolution(), r -> new ArrayList<>()).add(piece);
                }
            }
            Map<UUID, Map<Resolution, java.util.NavigableMap<Instant, BucketCounts>>> rows = new java.util.HashMap<>();
            pieces.forEach((resolution, wanted) -> {
                for (BucketCounts bucket : rollups.rangesOf(services, resolution, wanted)) {
                    rows.computeIfAbsent(bucket.key().serviceId(), id -> new java.util.EnumMap<>(Resolution.class))
                            .computeIfAbsent(resolution, r -> new java.util.TreeMap<>())
                            .put(bucket.key().bucketStart(), bucket.requireSound());
                }
            });
            Map<String, String> computed = new java.util.HashMap<>();
            for (String key : missing) {
                Counted counted = parts.get(key).counted();
                Window window = parts.get(key).window();
                Map<Resolution, java.util.NavigableMap<Instant, BucketCounts>> ofService = rows.getOrDefault(counted.serviceId(), Map.of());
                Counts counts = Counts.NONE;
                for (TimeRanges.Piece piece : TimeRanges.decompose(window.from(), window.to())) {
                    java.util.NavigableMap<Instant, BucketCounts> buckets = ofService.get(piece.resolution());
                    if (buckets == null) {
                        continue;
                    }
                    for (BucketCounts bucket : buckets.subMap(piece.from(), true, piece.to(), false).values()) {
                        counts = counts.plus(bucket.counts(counted.latencyThresholdMillis()));
                    }
                }
                computed.put(key, printCounts(counts));
            }
            return computed;
        });
        Map<Counted, Map<Window, Counts>> counts = new LinkedHashMap<>();
        partsOf.forEach((counted, windows) -> {
            Map<Window, Counts> ofCounted = new LinkedHashMap<>();
            windows.forEach((window, keys) -> ofCounted.put(window,
                    keys.stream().map(key -> parseCounts(answers.get(key))).reduce(Counts.NONE, Counts::plus)));
            counts.put(counted, ofCounted);
        });
        return counts;
    }

    /** One part of a window to count: its question, under the service's sealed generation or its every-ingest one. */
    private record Part(Counted counted, Window window, boolean sealedOnly) {
        String question() {
            return countsQuestion(counted.latencyThresholdMillis(), window);
        }

        /** Adds the part under its key (a window asked twice is counted once) and gives the key. */
        static String register(Map<String, Part> parts, Part part) {
            String key = part.counted().serviceId() + "|" + part.question() + (part.sealedOnly() ? "|sealed" : "");
            parts.put(key, part);
            return key;
        }
    }

    private static String countsQuestion(Integer latencyThresholdMillis, Window window) {
        return "counts|" + latencyThresholdMillis + "|" + window.from() + "|" + window.to();
    }

    private static String printCounts(Counts counts) {
        return counts.good() + "/" + counts.total();
    }

    private static Counts parseCounts(String answer) {
        int slash = answer.indexOf('/');
        return new Counts(Long.parseLong(answer.substring(0, slash)), Long.parseLong(answer.substring(slash + 1)));
    }

    /**
     * The busiest hour's request rate of each of the last {@code days} UTC days (today included, so far), oldest
     * first; null for a day without traffic. Read from the hour roll-ups.
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public List<Double> dailyPeakRps(UUID serviceId, Instant now, int days) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant start = today.minus(Duration.ofDays(days - 1L));
        List<Double> peaks = new ArrayList<>(java.util.Collections.nCopies(days, (Double) null));
        for (BucketCounts rollup : rollups.countsIn(serviceId, new TimeRanges.Piece(Resolution.HOUR, start, today.plus(Duration.ofDays(1))))) {
            int day = (int) Duration.between(start, rollup.key().bucketStart()).toDays();
            double rps = rollup.total() / 3600.0;
            if (peaks.get(day) == null || rps > peaks.get(day)) {
                peaks.set(day, rps);
            }
        }
        return peaks;
    }

    /** Exact good/total counts per UTC day of [firstDay, firstDay + days), read from the day roll-ups. */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public List<Counts> dailyCounts(UUID serviceId, java.time.LocalDate firstDay, int days) {
        Instant start = firstDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(days));
        List<Counts> perDay = new ArrayList<>(java.util.Collections.nCopies(days, Counts.NONE));
        for (BucketCounts rollup : rollups.countsIn(serviceId, new TimeRanges.Piece(Resolution.DAY, start, end))) {
            int index = (int) Duration.between(start, rollup.key().bucketStart()).toDays();
            perDay.set(index, perDay.get(index).plus(new Counts(rollup.good(), rollup.total())));
        }
        return perDay;
    }

    /** Exact counts in [from, to) without those inside the excluded intervals (maintenance windows, merged). */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public Counts countsOutside(UUID serviceId, Integer latencyThresholdMillis, Instant from, Instant to,
                                List<com.aiaops.maintenance.Intervals.Interval> excluded) {
        Counts counts = counts(serviceId, latencyThresholdMillis, from, to);
        for (com.aiaops.maintenance.Intervals.Interval interval : excluded) {
            counts = counts.minus(counts(serviceId, latencyThresholdMillis, interval.from(), interval.to()));
        }
        return counts;
    }

    /** Exact counts per slice of whole minutes in [from, to), read from the minute roll-ups. */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = TelemetryInconsistentException.class)
    public List<Counts> slices(UUID serviceId, Integer latencyThresholdMillis, Instant from, Instant to, Duration slice) {
        Instant start = floorMinute(from);
        Instant end = ceilMinute(to);
        long sliceMinutes = slice.toMinutes();
        int count = (int) ((Duration.between(start, end).toMinutes() + sliceMinutes - 1) / sliceMinutes);
        List<Counts> slices = new ArrayList<>(java.util.Collections.nCopies(Math.max(count, 0), Counts.NONE));
        for (BucketCounts bucket : rollups.countsIn(serviceId, new TimeRanges.Piece(Resolution.MINUTE, start, end))) {
            int index = (int) (Duration.between(start, bucket.key().bucketStart()).toMinutes() / sliceMinutes);
            slices.set(index, slices.get(index).plus(bucket.counts(latencyThresholdMillis)));
        }
        return slices;
    }

    private static Resolution coarsestFitting(Instant start, Duration step) {
        for (Resolution r : new Resolution[] {Resolution.DAY, Resolution.HOUR}) {
            if (r.isAligned(start) && step.toMinutes() % r.size().toMinutes() == 0) {
                return r;
            }
        }
        return Resolution.MINUTE;
    }

    private static void checkWindow(Instant from, Instant to, List<Double> quantiles) {
        if (!from.isBefore(to)) {
            throw InvalidRequestException.ofField("invalid-parameter", "from", "must be at least one minute before 'to'");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw InvalidRequestException.ofField("invalid-parameter", "to", "the window is longer than " + MAX_WINDOW.toDays() + " days");
        }
        for (Double q : quantiles) {
            if (q == null || !(q >= 0 && q <= 1)) {
                throw InvalidRequestException.ofField("invalid-parameter", "quantiles", "each quantile must be from 0 to 1, e.g. 0.95");
            }
        }
    }


    static Instant floorMinute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Windows cover whole minutes: 'to' includes the minute it falls in. */
    static Instant ceilMinute(Instant t) {
        Instant floor = floorMinute(t);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MINUTES);
    }

    /** "p50", "p95", "p99.9": quantiles named as people say them. */
    public static String label(double q) {
        String percent = java.math.BigDecimal.valueOf(q * 100).stripTrailingZeros().toPlainString();
        return "p" + percent;
    }
}
