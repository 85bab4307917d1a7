package com.aiaops.delivery;

import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The DORA performance levels of each report year, read from {@code dora-bands.json}: data, not code, because the
 * levels change with every report. A metric gets the best level whose bound it meets.
 */
public final class DoraBands {
    public enum Level { ELITE, HIGH, MEDIUM, LOW }

    /** One level's bounds (null: no bound, the level catches the rest) and the report's own words. */
    public record Bounds(Level level, double deploymentDaysPerWeekAtLeast, Duration leadTimeAtMost, Double changeFailureRateAtMost,
                         Duration timeToRestoreAtMost, String published) {
    }

    public record BandSet(String name, String report, List<Bounds> levels) {
        public Level deploymentFrequency(double deploymentDaysPerWeek) {
            return levels.stream().filter(b -> deploymentDaysPerWeek >= b.deploymentDaysPerWeekAtLeast()).findFirst()
                    .map(Bounds::level).orElse(Level.LOW);
        }

        public Level leadTime(Duration leadTime) {
            return levels.stream().filter(b -> b.leadTimeAtMost() == null || leadTime.compareTo(b.leadTimeAtMost()) <= 0).findFirst()
                    .map(Bounds::level).orElse(Level.LOW);
        }

        public Level changeFailureRate(double rate) {
            return levels.stream().filter(b -> b.changeFailureRateAtMost() == null || rate <= b.changeFailureRateAtMost()).findFirst()
                    .map(Bounds::level).orElse(Level.LOW);
        }

        public Level timeToRestore(Duration timeToRestore) {
            return levels.stream().filter(b -> b.timeToRestoreAtMost() == null || timeToRestore.compareTo(b.timeToRestoreAtMost()) <= 0)
                    .findFirst().map(Bounds::level).orElse(Level.LOW);
        }
    }

    /** The shape of the JSON file. */
    public static final class File {
        public List<RawSet> sets;
    }

    public static final class RawSet {
        public String name;
        public String report;
        public List<RawLevel> levels;
    }

    public static final class RawLevel {
        public Level level;
        public double deploymentDaysPerWeekAtLeast;
        public String leadTimeAtMost;
        public Double changeFailureRateAtMost;
        public String timeToRestoreAtMost;
        public String published;
    }

    public static final String LATEST = "2024";
    private static final List<BandSet> SETS = load();

    private DoraBands() {
    }

    public static List<BandSet> all() {
        return SETS;
    }

    public static Optional<BandSet> named(String name) {
        return SETS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static List<BandSet> load() {
        try (InputStream in = DoraBands.class.getResourceAsStream("dora-bands.json"); var jsonb = JsonbBuilder.create()) {
            File file = jsonb.fromJson(in, File.class);
            return file.sets.stream().map(s -> new BandSet(s.name, s.report, s.levels.stream()
                    .map(l -> new Bounds(l.level, l.deploymentDaysPerWeekAtLeast, duration(l.leadTimeAtMost), l.changeFailureRateAtMost,
                            duration(l.timeToRestoreAtMost), l.published)).toList())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("dora-bands.json is part of the build", e);
        } catch (Exception e) {
            throw new IllegalStateException("dora-bands.json cannot be read", e);
        }
    }

    private static Duration duration(String iso) {
        return iso == null ? null : Duration.parse(iso);
    }
}
