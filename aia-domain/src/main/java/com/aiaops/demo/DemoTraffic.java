package com.aiaops.demo;

import com.aiaops.telemetry.MinuteAggregate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated fleet's requests: per service, a daily pattern (busiest in the European afternoon, quiet at night),
 * a little noise, a base error rate, and on the service that has them a nightly error burst (03:20 to 03:28 UTC, three
 * requests in four failing): strong enough to trip the fast burn-rate pair (14.4x over 1 h and 5 min) of a 99.5 % SLO,
 * and at night's traffic it spends about 40 % of a day's budget, so a 28-day budget burns without running out. Deterministic:
 * the same service and minute always give the same counts, so every node of a cluster, and every rerun, agrees.
 */
public final class DemoTraffic {
    /** A service of the fleet: its busiest rate, its usual error ratio, its typical latency, and whether it has bursts. */
    public record Profile(String slug, long peakPerMinute, double errorRatio, double typicalMs, boolean bursts) {
    }

    static final double BURST_ERROR_RATIO = 0.75;
    private static final int BURST_HOUR = 3;
    private static final int BURST_FIRST_MINUTE = 20;
    static final int BURST_MINUTES = 8;
    /** Notifications' outage: three hours from noon UTC, at its busy time of day, so it always spends its 7-day budget. */
    private static final String OUTAGE_SLUG = "notifications";
    private static final int OUTAGE_HOUR = 12;
    private static final Duration OUTAGE_LENGTH = Duration.ofHours(3);

    private DemoTraffic() {
    }

    /** One minute of a service, counted the way an agent would send it. */
    public static MinuteAggregate minute(Profile profile, Instant minute) {
        return span(profile, minute, 1, null);
    }

    /**
     * {@code minutes} minutes from {@code start} sent as one counted minute at {@code start} (older history is written
     * coarser; the totals, and so every budget, are the same). {@code errorRatio}, when given, replaces the schedule's
     * (an outage, a burst at another time).
     */
    public static MinuteAggregate span(Profile profile, Instant start, int minutes, Double errorRatio) {
        long total = 0;
        long bad = 0;
        for (int i = 0; i < minutes; i++) {
            Instant at = start.plus(Duration.ofMinutes(i));
            long requests = requests(profile, at);
            double ratio = errorRatio != null ? errorRatio : profile.bursts() && inBurst(at) ? BURST_ERROR_RATIO : profile.errorRatio();
            total += requests;
            bad += Math.round(requests * ratio * (0.9 + 0.2 * noise(profile.slug(), at, 7)));
        }
        bad = Math.min(bad, total);
        return new MinuteAggregate(profile.slug(), start, total, total - bad, latencies(profile, start, total));
    }

    /**
     * A service's requests from {@code start} to {@code now}, as the demo's history holds them: quarter-hours beyond two
     * days, five minutes beyond six hours, then minutes (the totals are the same; burn-rate windows read minutes).
     * Notifications was down for three hours three days ago ({@link #outageStart}); checkout's burst is under way for
     * the last minutes, whatever the time of day, so the page fires when the demo is loaded.
     */
    public static List<MinuteAggregate> history(Profile profile, Instant start, Instant now) {
        Instant outage = outageStart(now);
        Instant burst = now.minus(Duration.ofMinutes(BURST_MINUTES));
        List<MinuteAggregate> spans = new ArrayList<>();
        Instant t = start;
        while (t.isBefore(now)) {
            Duration age = Duration.between(t, now);
            int step = age.compareTo(Duration.ofDays(2)) > 0 ? 15 : age.compareTo(Duration.ofHours(6)) > 0 ? 5 : 1;
            Double errors = null;
            if (profile.slug().equals(OUTAGE_SLUG) && !t.isBefore(outage) && t.isBefore(outage.plus(OUTAGE_LENGTH))) {
                errors = 1.0;
            } else if (profile.bursts() && !t.isBefore(burst)) {
                errors = BURST_ERROR_RATIO;
            }
            spans.add(span(profile, t, step, errors));
            t = t.plus(Duration.ofMinutes(step));
        }
        return spans;
    }

    /**
     * When notifications' outage began: noon UTC three days before {@code now}. At a fixed busy hour, never "three days
     * ago to the hour": an outage at night's traffic spent only 70 to 100 % of the budget, so the release freeze the
     * demo shows depended on the time of day the demo was loaded.
     */
    static Instant outageStart(Instant now) {
        return now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(OUTAGE_HOUR));
    }

    /** Whether the fleet's scheduled error burst is under way at this minute. */
    public static boolean inBurst(Instant minute) {
        ZonedDateTime t = minute.atZone(ZoneOffset.UTC);
        return t.getHour() == BURST_HOUR && t.getMinute() >= BURST_FIRST_MINUTE && t.getMinute() < BURST_FIRST_MINUTE + BURST_MINUTES;
    }

    static long requests(Profile profile, Instant minute) {
        ZonedDateTime t = minute.atZone(ZoneOffset.UTC);
        double hour = t.getHour() + t.getMinute() / 60.0;
        // Busiest at 15:00 UTC, a third of that at 03:00.
        double daily = 2.0 / 3 + Math.cos((hour - 15) / 24 * 2 * Math.PI) / 3;
        double weekly = t.getDayOfWeek().getValue() >= 6 ? 0.7 : 1.0;
        return Math.max(1, Math.round(profile.peakPerMinute() * daily * weekly * (0.9 + 0.2 * noise(profile.slug(), minute, 3))));
    }

    /** Most requests near the typical latency, a slower tenth, and a slow tail of one in two hundred. */
    private static List<MinuteAggregate.LatencyCount> latencies(Profile profile, Instant minute, long total) {
        long slow = total / 10;
        long tail = total / 200;
        long fast = total - slow - tail;
        double jitter = 0.9 + 0.2 * noise(profile.slug(), minute, 11);
        List<MinuteAggregate.LatencyCount> counts = new ArrayList<>();
        add(counts, Math.round(profile.typicalMs() * jitter), fast);
        add(counts, Math.round(profile.typicalMs() * 2.5 * jitter), slow);
        add(counts, Math.round(profile.typicalMs() * 8 * jitter), tail);
        return counts;
    }

    private static void add(List<MinuteAggregate.LatencyCount> counts, double ms, long count) {
        if (count > 0) {
            counts.add(new MinuteAggregate.LatencyCount(ms, count));
        }
    }

    /** A number in [0, 1) that depends only on the service, the minute and a salt. */
    static double noise(String slug, Instant minute, int salt) {
        long x = slug.hashCode() * 0x9E3779B97F4A7C15L + minute.getEpochSecond() / 60 * 0xBF58476D1CE4E5B9L + salt;
        x ^= x >>> 31;
        x *= 0x94D049BB133111EBL;
        x ^= x >>> 29;
        return (x >>> 11) / (double) (1L << 53);
    }
}
