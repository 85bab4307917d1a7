package com.aiaops.partitioning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One partition's span of time, a UTC day or month, and the name suffix that says which ({@code p20261204},
 * {@code p202612}): the name alone tells a partition's range, and names sort in time order.
 */
public record PartitionPeriod(Unit unit, LocalDate first) {
    public enum Unit {
        DAY(Pattern.compile("p\\d{8}"), DateTimeFormatter.ofPattern("'p'yyyyMMdd")),
        MONTH(Pattern.compile("p\\d{6}"), DateTimeFormatter.ofPattern("'p'yyyyMM"));

        private final Pattern suffix;
        private final DateTimeFormatter format;

        Unit(Pattern suffix, DateTimeFormatter format) {
            this.suffix = suffix;
            this.format = format;
        }

        /** The period holding this instant. */
        public PartitionPeriod of(Instant instant) {
            LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
            return new PartitionPeriod(this, this == DAY ? day : day.withDayOfMonth(1));
        }
    }

    public PartitionPeriod {
        if (unit == Unit.MONTH && first.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("a month's period starts on its first day: " + first);
        }
    }

    public Instant from() {
        return first.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Exclusive. */
    public Instant to() {
        return next().from();
    }

    public PartitionPeriod next() {
        return new PartitionPeriod(unit, unit == Unit.DAY ? first.plusDays(1) : first.plusMonths(1));
    }

    public String suffix() {
        return unit.format.format(first);
    }

    /** The partition of {@code table} for this period. */
    public String partitionOf(String table) {
        return table + "_" + suffix();
    }

    /** The period a partition of {@code table} named like {@link #partitionOf} covers; empty for any other name. */
    public static Optional<PartitionPeriod> ofPartition(String table, String partition, Unit unit) {
        String prefix = table + "_";
        if (!partition.startsWith(prefix) || !unit.suffix.matcher(partition.substring(prefix.length())).matches()) {
            return Optional.empty();
        }
        String digits = partition.substring(prefix.length() + 1);
        try {
            LocalDate first = unit == Unit.DAY ? LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(digits + "01", DateTimeFormatter.BASIC_ISO_DATE);
            return Optional.of(new PartitionPeriod(unit, first));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // p20261345: not a name this capability makes
        }
    }
}
