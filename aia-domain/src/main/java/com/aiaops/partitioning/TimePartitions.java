package com.aiaops.partitioning;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The time-partitioned tables of PostgreSQL (migration V18) and their partitions. Every night, and once at start, each
 * table gets the partitions of its current and coming periods, and of past periods whose rows wait in its default
 * partition (after the upgrade that partitioned it, or a restore), each made in its own transaction: the table is
 * created, those rows are moved into it, and it is attached. Retention drops the partitions that ended before its
 * cutoff. Runs at once — on nodes of a cluster, or on one node (the run at start, the nightly one, an operator's) — take
 * turns by an advisory lock per partition, never by the bean's lock: a run that moves many rows would otherwise hold
 * every other caller, reads of the layout included, past the container's access timeout.
 * Table and partition names come from {@link #TABLES} and {@link PartitionPeriod}, never from a request, so they are
 * written into the DDL as they are (DDL takes no parameters).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionManagement(TransactionManagementType.BEAN) // DDL and row moves commit partition by partition
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // see the class: the database's advisory locks order the runs
public class TimePartitions {
    private static final Logger LOG = Logger.getLogger(TimePartitions.class);

    /**
     * The partitioned tables. Minutes: a day each, a week ahead, past days up to 62 days back (twice the default
     * retention; older strays are the retention's). Hours, days and cost lines: a month each, two ahead, three years back.
     */
    public static final List<PartitionedTable> TABLES = List.of(
            new PartitionedTable("telemetry_rollup_minute", "bucket_start", PartitionPeriod.Unit.DAY, 7, Duration.ofDays(62)),
            new PartitionedTable("telemetry_rollup_hour", "bucket_start", PartitionPeriod.Unit.MONTH, 2, Duration.ofDays(3 * 366)),
            new PartitionedTable("telemetry_rollup_day", "bucket_start", PartitionPeriod.Unit.MONTH, 2, Duration.ofDays(3 * 366)),
            new PartitionedTable("cost_line", "charge_period_start", PartitionPeriod.Unit.MONTH, 2, Duration.ofDays(3 * 366)));

    /** How long DDL waits for the table's lock (a long report reading it) before giving up until the next run. */
    private static final String LOCK_TIMEOUT = "10s";

    /** The partitioned table of {@link #TABLES} with this name. */
    public static PartitionedTable table(String name) {
        for (PartitionedTable table : TABLES) {
            if (table.table().equals(name)) {
                return table;
            }
        }
        throw new IllegalArgumentException("not a time-partitioned table: " + name);
    }

    /** One table partitioned by a time column; {@code ahead} periods after the current one are made in advance. */
    public record PartitionedTable(String table, String column, PartitionPeriod.Unit unit, int ahead, Duration lookBack) {
        public String defaultPartition() {
            return table + "_default";
        }
    }

    /** A partition: its period ({@code from}, {@code to} exclusive; both null for the default partition). */
    public record Partition(String name, Instant from, Instant to, Long estimatedRows) {
    }

    public record TableLayout(String table, String column, PartitionPeriod.Unit unit, List<Partition> partitions) {
    }

    /** The tables and their partitions; {@code partitioned} is false on a database that keeps plain tables (H2). */
    public record Layout(boolean partitioned, List<TableLayout> tables) {
    }

    /** A partition made by a run, and how many rows it took over from the default partition. */
    public record Made(String table, String partition, Instant from, Instant to, long rowsMoved) {
    }

    public record Maintained(boolean partitioned, List<Made> made) {
    }

    /** What retention removed: whole partitions, and rows of the default partition older than the cutoff. */
    public record Expired(List<String> droppedPartitions, long rows) {
    }

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    Clock clock;

    /** Told of partitions made or dropped here, so statements on this node name them (or stop naming them) at once. */
    @Inject
    PeriodTables periodTables;

    private volatile Boolean partitioned;

    @PostConstruct
    void scheduleFirstRun() {
        // Not in start-up itself: after the upgrade, moving months of rows out of the default partitions takes minutes.
        timers.createSingleActionTimer(1, new TimerConfig("time partitions at start", false));
    }

    @Timeout
    void atStart() {
        maintainAndLog();
    }

    @Schedule(hour = "2", minute = "41", persistent = true, info = "time partitions ahead")
    void nightly() {
        maintainAndLog();
    }

    private void maintainAndLog() {
        Maintained run = maintain(null);
        if (!run.made().isEmpty()) {
            LOG.infof("Made %d partitions (%d rows moved out of default partitions): %s", run.made().size(),
                    run.made().stream().mapToLong(Made::rowsMoved).sum(), run.made().stream().map(Made::partition).toList());
        }
    }

    /**
     * Makes the partitions every table needs now (see the class); with {@code since}, also every period's from then on
     * that is inside its table's look-back (before a bulk load or a backfill, so its rows go straight to their partitions).
     */
    public Maintained maintain(Instant since) {
        if (!partitioned()) {
            return new Maintained(false, List.of());
        }
        Instant now = clock.instant();
        List<Made> made = new ArrayList<>();
        try {
            for (PartitionedTable table : TABLES) {
                for (PartitionPeriod period : needed(table, now, since)) {
                    make(table, period).ifPresent(made::add);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the time partitions (made so far: " + made + ")", e);
        } finally {
            if (!made.isEmpty()) {
                periodTables.forget();
            }
        }
        return new Maintained(true, made);
    }

    /**
     * Drops the partitions of {@code table} that end at or before {@code cutoff} and deletes its default partition's
     * rows older than it; empty where the table is not partitioned (the caller deletes rows instead).
     */
    public Optional<Expired> expire(String table, Instant cutoff) {
        if (!partitioned()) {
            return Optional.empty();
        }
        PartitionedTable partitionedTable = table(table);
        List<String> dropped = new ArrayList<>();
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String partition : PartitionCatalog.partitionsOf(c, partitionedTable.table())) {
                Optional<PartitionPeriod> period = PartitionPeriod.ofPartition(table, partition, partitionedTable.unit());
                if (period.isPresent() && !period.get().to().isAfter(cutoff)) {
                    rows += inTransaction(c, s -> {
                        s.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
                        takeTurn(s, partition);
                        long count = count(s, "select count(*) from " + partition);
                        s.execute("drop table if exists " + partition);
                        return count;
                    });
                    dropped.add(partition);
                }
            }
            try (PreparedStatement strays = c.prepareStatement("delete from " + partitionedTable.defaultPartition() + " where "
                    + partitionedTable.column() + " < ?")) {
                strays.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                rows += strays.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot expire " + table + " before " + cutoff + " (dropped so far: " + dropped + ")", e);
        } finally {
            if (!dropped.isEmpty()) {
                periodTables.forget();
            }
        }
        return Optional.of(new Expired(dropped, rows));
    }

    /** Every partitioned table with its partitions and the database's estimate of their rows (as of its last ANALYZE). */
    public Layout layout() {
        if (!partitioned()) {
            return new Layout(false, List.of());
        }
        List<TableLayout> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement children = c.prepareStatement(
                "select c.relname, c.reltuples from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                        + "where i.inhparent = to_regclass(?) order by c.relname")) {
            for (PartitionedTable table : TABLES) {
                List<Partition> partitions = new ArrayList<>();
                children.setString(1, table.table());
                try (ResultSet rs = children.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        double estimate = rs.getDouble(2);
                        Long rows = estimate < 0 ? null : (long) estimate; // -1: never analysed
                        Optional<PartitionPeriod> period = PartitionPeriod.ofPartition(table.table(), name, table.unit());
                        partitions.add(new Partition(name, period.map(PartitionPeriod::from).orElse(null),
                                period.map(PartitionPeriod::to).orElse(null), rows));
                    }
                }
                tables.add(new TableLayout(table.table(), table.column(), table.unit(), partitions));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the partitions", e);
        }
        return new Layout(true, tables);
    }

    /**
     * The current period, those ahead, and past ones (inside the look-back) with rows waiting in the default partition or
     * from {@code since} (may be null) on.
     */
    private List<PartitionPeriod> needed(PartitionedTable table, Instant now, Instant since) throws SQLException {
        TreeMap<Instant, PartitionPeriod> periods = new TreeMap<>();
        Instant lookBack = now.minus(table.lookBack());
        PartitionPeriod period = table.unit().of(now);
        if (since != null) {
            for (PartitionPeriod past = table.unit().of(since.isBefore(lookBack) ? lookBack : since); past.from().isBefore(period.from());
                    past = past.next()) {
                periods.put(past.from(), past);
            }
        }
        for (int i = 0; i <= table.ahead(); i++, period = period.next()) {
            periods.put(period.from(), period);
        }
        Instant until = period.from(); // the end of the last period ahead: later rows stay in the default partition
        String unit = table.unit() == PartitionPeriod.Unit.DAY ? "day" : "month";
        try (Connection c = dataSource.getConnection(); PreparedStatement waiting = c.prepareStatement("select distinct date_trunc('"
                + unit + "', " + table.column() + " at time zone 'UTC') from " + table.defaultPartition() + " where " + table.column()
                + " >= ? and " + table.column() + " < ?")) {
            waiting.setObject(1, OffsetDateTime.ofInstant(lookBack, ZoneOffset.UTC));
            waiting.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            try (ResultSet rs = waiting.executeQuery()) {
                while (rs.next()) {
                    PartitionPeriod past = table.unit().of(rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                    periods.put(past.from(), past);
                }
            }
            Set<String> existing = new HashSet<>(PartitionCatalog.partitionsOf(c, table.table()));
            return periods.values().stream().filter(p -> !existing.contains(p.partitionOf(table.table()))).toList();
        }
    }

    /** Creates the period's partition, moves its rows out of the default partition and attaches it; empty if another node did. */
    private Optional<Made> make(PartitionedTable table, PartitionPeriod period) throws SQLException {
        String partition = period.partitionOf(table.table());
        try (Connection c = dataSource.getConnection()) {
            long moved = inTransaction(c, s -> {
                s.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
                takeTurn(s, partition);
                if (count(s, "select count(*) from pg_class where relname = '" + partition + "' and relnamespace = current_schema()::regnamespace") > 0) {
                    return -1L;
                }
                s.execute("create table " + partition + " (like " + table.table() + " including defaults including constraints)");
                long rows = s.executeUpdate("with moved as (delete from " + table.defaultPartition() + " where " + table.column() + " >= '"
                        + period.from() + "' and " + table.column() + " < '" + period.to() + "' returning *) insert into " + partition
                        + " select * from moved");
                s.execute("alter table " + table.table() + " attach partition " + partition + " for values from ('" + period.from()
                        + "') to ('" + period.to() + "')");
                return rows;
            });
            return moved < 0 ? Optional.empty() : Optional.of(new Made(table.table(), partition, period.from(), period.to(), moved));
        }
    }

    /** Waits, within the lock timeout, for any other run's transaction on this partition (on any node) to end. */
    private static void takeTurn(Statement s, String partition) throws SQLException {
        s.execute("select pg_advisory_xact_lock(hashtext('aia partition " + partition + "'))");
    }


    private interface Work {
        long run(Statement statement) throws SQLException;
    }

    private static long inTransaction(Connection c, Work work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            long result = work.run(s);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether this database partitions by time: PostgreSQL after V18 (its roll-up table is a partitioned one). */
    private boolean partitioned() {
        Boolean known = partitioned;
        if (known == null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                known = PartitionCatalog.isPostgreSql(c) && count(s, "select count(*) from pg_class where oid = to_regclass('telemetry_rollup') "
                        + "and relkind = 'p'") > 0;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell whether the tables are partitioned", e);
            }
            partitioned = known;
        }
        return known;
    }

}
