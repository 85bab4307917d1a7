package com.aiaops.slo;

import com.aiaops.telemetry.Counts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes an SLO's status from exact counts. Pure: the counts come from a {@link CountSource}. */
public final class SloEvaluator {
    private SloEvaluator() {
    }

    /** Where the counts come from: the telemetry roll-ups, or a test's table. */
    public interface CountSource {
        /** Good and total events in [from, to). */
        Counts counts(Instant from, Instant to);

        /** Counts per consecutive slice of {@code slice} in [from, to), one entry per slice (empty slices as NONE). */
        List<Counts> slices(Instant from, Instant to, Duration slice);

        /** Time in [from, to) left out of the budget (maintenance); its events are already left out of the counts. */
        default Duration excluded(Instant from, Instant to) {
            return Duration.ZERO;
        }
    }

    /** A span of time [from, to) that {@link #evaluate} counts or asks about. */
    public record Span(Instant from, Instant to) {
    }

    /**
     * Every window {@link #evaluate} asks {@code counts} for at {@code now} (the period so far and each burn-rate window),
     * and the span its questions about excluded time cover: a source can read them all at once beforehand.
     * Empty before a calendar SLO is in force. Kept beside {@code evaluate}; SloEvaluatorTest holds them to each other.
     */
    public record Reads(List<Span> counted, Span excludedSpan) {
    }

    public static Reads reads(SloSpec spec, Instant now) {
        if (spec.window().startsAfter(now)) {
            return new Reads(List.of(), null);
        }
        TimeWindow.Period period = spec.window().periodAt(now);
        Instant to = now.isBefore(period.to()) ? now : period.to();
        List<Span> counted = new ArrayList<>();
        counted.add(new Span(period.from(), to));
        for (BurnRateRule rule : spec.rules()) {
            counted.add(new Span(now.minus(rule.longWindow()), now));
            counted.add(new Span(now.minus(rule.shortWindow()), now));
        }
        // A calendar period may have begun after the longest burn-rate window did.
        Instant first = counted.stream().map(Span::from).min(Instant::compareTo).orElse(period.from());
        return new Reads(counted, new Span(first.isBefore(period.from()) ? first : period.from(), period.to().isAfter(now) ? period.to() : now));
    }

    public static SloStatus evaluate(SloSpec spec, Instant now, CountSource source) {
        if (spec.window().startsAfter(now)) {
            // A calendar SLO that is not in force yet: nothing is measured, nothing burns, nothing alerts.
            TimeWindow.Period first = spec.window().firstPeriod();
            double budgetMinutes = ErrorBudget.budgetMinutes(spec.target(), first.length());
            return new SloStatus(SloStatus.State.NO_DATA, first.from(), first.to(), now, spec.target(), null, 0, 0,
                    spec.method() == BudgetingMethod.TIMESLICES ? 0L : null, spec.method() == BudgetingMethod.TIMESLICES ? 0L : null,
                    budgetMinutes, 0, 1, budgetMinutes, List.of(), List.of());
        }
        TimeWindow.Period period = spec.window().periodAt(now);
        Instant to = now.isBefore(period.to()) ? now : period.to();
        Counts window = source.counts(period.from(), to);
        Duration counted = period.length().minus(source.excluded(period.from(), period.to()));
        double budgetMinutes = ErrorBudget.budgetMinutes(spec.target(), counted);

        Double sli;
        double consumed;
        Long goodSlices = null;
        Long badSlices = null;
        boolean hasData;
        if (spec.method() == BudgetingMethod.TIMESLICES) {
            // One model for the SLI and the budget (OpenSLO: good slices over all slices of the window). The window so
            // far is cut into slices (maintenance left out); a slice is bad when it had requests and missed the slice
            // target, good otherwise — a slice without requests had no failure. SLI = good / all, and the budget allows
            // (1 - target) of all slices to be bad, so (1 - SLI) / (1 - target) is exactly the budget consumed.
            long withData = 0;
            long bad = 0;
            for (Counts slice : source.slices(period.from(), to, spec.timeSliceWindow())) {
                if (!slice.hasData()) {
                    continue;
                }
                withData++;
                if (1 - slice.errorRatio() < spec.timeSliceTarget()) {
                    bad++;
                }
            }
            Duration elapsed = Duration.between(period.from(), to).minus(source.excluded(period.from(), to));
            long slicesSoFar = Math.max(elapsed.toMinutes() / spec.timeSliceWindow().toMinutes(), withData);
            goodSlices = slicesSoFar - bad;
            badSlices = bad;
            hasData = withData > 0;
            sli = hasData ? (double) goodSlices / slicesSoFar : null;
            consumed = ErrorBudget.consumedBySlices(bad, slicesSoFar, spec.target());
        } else if (spec.method() == BudgetingMethod.RATIO_TIMESLICES) {
            // OpenSLO: the average of every slice's ratio of good events, over all slices of the window so far (a slice
            // without requests had no failure: ratio 1). The budget allows (1 - target) missing per slice on average,
            // so (1 - SLI) / (1 - target) is again exactly the budget consumed.
            long withData = 0;
            double missing = 0;
            for (Counts slice : source.slices(period.from(), to, spec.timeSliceWindow())) {
                if (slice.hasData()) {
                    withData++;
                    missing += slice.errorRatio();
                }
            }
            Duration elapsed = Duration.between(period.from(), to).minus(source.excluded(period.from(), to));
            long slicesSoFar = Math.max(elapsed.toMinutes() / spec.timeSliceWindow().toMinutes(), withData);
            hasData = withData > 0;
            sli = hasData ? 1 - missing / slicesSoFar : null;
            consumed = ErrorBudget.consumedBySliceRatios(missing, slicesSoFar, spec.target());
        } else {
            hasData = window.hasData();
            sli = hasData ? 1 - window.errorRatio() : null;
            consumed = ErrorBudget.consumedByEvents(window, spec.target());
        }

        Map<Duration, Counts> byWindow = new LinkedHashMap<>();
        for (BurnRateRule rule : spec.rules()) {
            byWindow.computeIfAbsent(rule.longWindow(), w -> source.counts(now.minus(w), now));
            byWindow.computeIfAbsent(rule.shortWindow(), w -> source.counts(now.minus(w), now));
        }
        List<SloStatus.BurnRate> burnRates = new ArrayList<>();
        byWindow.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> burnRates.add(
                new SloStatus.BurnRate(label(e.getKey()), e.getValue().total(), e.getValue().errorRatio(),
                        ErrorBudget.burnRate(e.getValue(), spec.target()))));

        List<SloStatus.Alert> alerts = new ArrayList<>();
        boolean paging = false;
        boolean ticketing = false;
        for (BurnRateRule rule : spec.rules()) {
            Counts longCounts = byWindow.get(rule.longWindow());
            Counts shortCounts = byWindow.get(rule.shortWindow());
            double longBurn = ErrorBudget.burnRate(longCounts, spec.target());
            double shortBurn = ErrorBudget.burnRate(shortCounts, spec.target());
            boolean burning = longBurn > rule.factor() && shortBurn > rule.factor();
            boolean lowTraffic = longCounts.total() < spec.minimumEvents();
            boolean firing = burning && !lowTraffic;
            alerts.add(new SloStatus.Alert(label(rule.longWindow()), label(rule.shortWindow()), rule.factor(),
                    rule.severity(), longBurn, shortBurn, firing, burning && lowTraffic));
            paging |= firing && rule.severity() == BurnRateRule.Severity.PAGE;
            ticketing |= firing && rule.severity() == BurnRateRule.Severity.TICKET;
        }

        SloStatus.State state;
        if (!hasData) {
            state = SloStatus.State.NO_DATA;
        } else if (consumed >= 1) {
            state = SloStatus.State.EXHAUSTED;
        } else if (paging) {
            state = SloStatus.State.CRITICAL;
        } else if (ticketing) {
            state = SloStatus.State.WARNING;
        } else {
            state = SloStatus.State.HEALTHY;
        }
        return new SloStatus(state, period.from(), period.to(), now, spec.target(), sli, window.good(), window.total(),
                goodSlices, badSlices, budgetMinutes, consumed, 1 - consumed, budgetMinutes * (1 - consumed),
                burnRates, alerts);
    }

    /** "5m", "1h", "3d": windows as the SRE Workbook writes them. */
    static String label(Duration window) {
        long minutes = window.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }
}
