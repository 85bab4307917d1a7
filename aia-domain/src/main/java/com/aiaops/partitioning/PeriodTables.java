package com.aiaops.partitioning;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The partition a statement about one period of a time-partitioned table names instead of the table, when the
 * statement's rows all lie in one period that has not ended and whose partition exists. PostgreSQL plans
 * a statement on a partitioned table anew at every execution (a generic plan's estimate covers every partition, so it
 * never looks cheaper), pruning while it plans: on the roll-ups, with 174 partitions, planning was three quarters of the
 * database's CPU on the mixed workload, where a statement on the partition itself is planned once per connection
 * (docs/BENCHMARKS.md, "Statements on the partition of the running period"). The rows of a period are all in its
 * partition once it exists (PostgreSQL moves none of them to the default partition), so both read the same rows.
 * <p>
 * Only periods that have not ended: retention drops partitions whose period ended before its cutoff, so a running or
 * coming period's partition stays as long as a statement may name it. The partitions that exist are read from the
 * catalogue on this node, and again when one asked for is not among them (at most every {@value #REREAD_SECONDS} s: one
 * made by another node), when this node made or dropped some, or when a statement found one gone ({@link #forget}: a
 * restore made the tables again). On H2, which keeps plain tables,
 * every statement names the table.
 */
@ApplicationScoped
public class PeriodTables {
    /** Least time between two readings of the catalogue for a partition not found in the last one. */
    static final long REREAD_SECONDS = 60;

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @Inject
    Clock clock;

    /** What the catalogue said, and when ({@link System#nanoTime}); null until first asked. */
    private volatile Known known;

    private record Known(boolean partitioned, Set<String> partitions, long readAtNanos) {
    }

    /**
     * The partition of {@code table} (one of {@link TimePartitions#TABLES}) to name for its rows whose partitioning column
     * is in [{@code from}, {@code to}), when that span lies inside one period not yet ended and its partition exists;
     * empty when the statement must name a table (on H2, the plain table the partitioned ones are on PostgreSQL).
     */
    public Optional<String> partition(String table, Instant from, Instant to) {
        Optional<String> partition = partitionFor(TimePartitions.table(table).unit(), table, from, to, clock.instant());
        if (partition.isEmpty()) {
            return partition;
        }
        Known now = known(false);
        if (now.partitioned() && !now.partitions().contains(partition.get())
                && System.nanoTime() - now.readAtNanos() > TimeUnit.SECONDS.toNanos(REREAD_SECONDS)) {
            now = known(true);
        }
        return now.partitioned() && now.partitions().contains(partition.get()) ? partition : Optional.empty();
    }

    /**
     * The partition of {@code table} holding every instant of [{@code from}, {@code to}), when they lie in one period that
     * ends after {@code now}; empty otherwise (and for an empty span).
     */
    static Optional<String> partitionFor(PartitionPeriod.Unit unit, String table, Instant from, Instant to, Instant now) {
        if (!from.isBefore(to)) {
            return Optional.empty();
        }
        PartitionPeriod period = unit.of(from);
        if (to.isAfter(period.to()) || !period.to().isAfter(now)) {
            return Optional.empty();
        }
        // Only a name the partitions are made with (a year past 9999 gives "p+10000…", which no partition has).
        String name = period.partitionOf(table);
        return PartitionPeriod.ofPartition(table, name, unit).isPresent() ? Optional.of(name) : Optional.empty();
    }

    /** Partitions were made or dropped, or a statement found one named here gone: the catalogue is read again before the next is named. */
    public void forget() {
        known = null;
    }

    /** Whether a statement failed because a table it named does not exist (PostgreSQL's undefined_table). */
    public static boolean isUndefinedTable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "42P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Known known(boolean reread) {
        Known was = known;
        if (was != null && !reread) {
            return was;
        }
        synchronized (this) {
            if (known != was) {
                return known; // another thread read it meanwhile
            }
            known = read();
            return known;
        }
    }

    private Known read() {
        try (Connection c = dataSource.getConnection()) {
            if (!PartitionCatalog.isPostgreSql(c)) {
                return new Known(false, Set.of(), System.nanoTime());
            }
            Set<String> partitions = new HashSet<>();
            for (TimePartitions.PartitionedTable table : TimePartitions.TABLES) {
                partitions.addAll(PartitionCatalog.partitionsOf(c, table.table()));
            }
            return new Known(true, Set.copyOf(partitions), System.nanoTime());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the time partitions from the catalogue", e);
        }
    }
}
