package com.aiaops.telemetry;

import com.aiaops.access.OrganizationScope;
import com.aiaops.partitioning.PartitionCatalog;
import com.aiaops.partitioning.PeriodTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import org.hibernate.Session;

/** Roll-up rows and applied batches. */
@ApplicationScoped
public class RollupRepository {
    @PersistenceContext(unitName = "aia")
    EntityManager em;

    /** The reads' connections outside a transaction ({@link #select}). */
    @jakarta.annotation.Resource(lookup = "java:jboss/datasources/AiaDS")
    javax.sql.DataSource dataSource;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** The partition of a running period a statement names instead of the roll-ups' table (see {@link PeriodTables}). */
    @Inject
    PeriodTables periodTables;

    /** The table every statement can name: on PostgreSQL partitioned by resolution, then by time; on H2 a plain table. */
    private static final String TABLE = "telemetry_rollup";

    /** Buckets locked by one statement at most. */
    static final int KEYS_PER_QUERY = 1_000;
    /** Rows sent to the database at once. */
    private static final int ROWS_PER_BATCH = 500;
    /** Empty buckets one statement's range may span between two of a batch's: fewer statements, few rows locked for nothing. */
    static final int MAX_GAP = 64;
    /** Ranges of buckets one locking statement takes at most (a batch with data far apart in time has many). */
    static final int RANGES_PER_LOCK = 16;
    /** Time ranges one statement reads at most (an SLO's windows with many maintenance occurrences inside). */
    private static final int RANGES_PER_QUERY = 50;

    /**
     * The existing rows of these buckets, locked for this transaction, as plain objects (not entities: the ingest changes
     * them and writes them back with {@link #updateAll}). One statement per service for all its resolutions and ranges of
     * up to {@value #KEYS_PER_QUERY} buckets (ranges, not lists of keys: databases use the primary key's order for them),
     * the rows locked in the keys' order (minute, hour, day, then time), so that concurrent batches lock in one order and
     * never deadlock. Before, one statement per resolution and range: three round trips a group where one does (docs/BENCHMARKS.md,
     * "Connection handles, and one statement to lock a group's roll-ups").
     */
    Map<RollupKey, Rollup> lockExisting(UUID organizationId, SortedSet<RollupKey> keys) {
        Map<RollupKey, Rollup> rows = new HashMap<>(keys.size() * 2);
        for (List<List<RollupKey>> statement : lockStatements(keys, locksInOrder() ? RANGES_PER_LOCK : 1)) {
            lock(organizationId, statement, rows);
        }
        return rows;
    }

    /**
     * Whether the database locks a statement's rows in its ORDER BY's order. PostgreSQL does (its row locks are taken
     * above the sort); H2 locks rows as it scans them, in an index's order, so there each range of one resolution gets a
     * statement of its own, and a transaction still locks in the keys' order whichever statements it needs.
     */
    private boolean locksInOrder() {
        Boolean known = sortedLocking;
        if (known == null) {
            known = em.unwrap(Session.class).doReturningWork(PartitionCatalog::isPostgreSql);
            sortedLocking = known;
        }
        return known;
    }

    private volatile Boolean sortedLocking;

    /**
     * The locking statements for these keys, in the keys' order: each one service's, of at most {@code rangesPerStatement}
     * ranges and {@value #KEYS_PER_QUERY} keys; a range is one resolution's keys at most {@value #MAX_GAP} buckets apart.
     */
    static List<List<List<RollupKey>>> lockStatements(SortedSet<RollupKey> keys, int rangesPerStatement) {
        List<List<List<RollupKey>>> statements = new ArrayList<>();
        List<List<RollupKey>> ranges = null;
        List<RollupKey> range = null;
        int keysInStatement = 0;
        for (RollupKey key : keys) {
            if (ranges == null || !range.get(0).serviceId().equals(key.serviceId()) || keysInStatement == KEYS_PER_QUERY
                    || !closeTo(range.get(range.size() - 1), key) && ranges.size() == rangesPerStatement) {
                ranges = new ArrayList<>();
                statements.add(ranges);
                range = null;
                keysInStatement = 0;
            }
            if (range == null || !closeTo(range.get(range.size() - 1), key)) {
                range = new ArrayList<>();
                ranges.add(range);
            }
            range.add(key);
            keysInStatement++;
        }
        return statements;
    }

    /**
     * One service's buckets from the first to the last key of each range (same resolution each), locked: in one statement,
     * or one for each run of ranges in the partition of one running period (see {@link #partitionOf}), in the ranges'
     * order, so rows are still locked in the keys' order.
     */
    private void lock(UUID organizationId, List<List<RollupKey>> ranges, Map<RollupKey, Rollup> rows) {
        List<List<RollupKey>> run = new ArrayList<>();
        String runTable = null;
        for (List<RollupKey> range : ranges) {
            RollupKey first = range.get(0);
            String table = partitionOf(first.resolution(), first.bucketStart(), range.get(range.size() - 1).bucketStart().plusNanos(1)).orElse(TABLE);
            if (!run.isEmpty() && !table.equals(runTable)) {
                lockIn(runTable, organizationId, run, rows);
                run = new ArrayList<>();
            }
            run.add(range);
            runTable = table;
        }
        lockIn(runTable, organizationId, run, rows);
    }

    private void lockIn(String table, UUID organizationId, List<List<RollupKey>> ranges, Map<RollupKey, Rollup> rows) {
        StringBuilder sql = new StringBuilder(200 + ranges.size() * 64).append("select ").append(ROW_COLUMNS)
                .append(" from ").append(table).append(" where organization_id = ? and service_id = ? and (");
        for (int i = 0; i < ranges.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("(resolution = ? and bucket_start >= ? and bucket_start <= ?)");
        }
        // The keys' order (RollupKey: minute, hour, day), not the column's alphabetical one, so that a transaction needing
        // several statements for one service locks in the same order as one needing a single statement.
        sql.append(") order by case resolution when 'MINUTE' then 0 when 'HOUR' then 1 else 2 end, bucket_start for update");
        UUID serviceId = ranges.get(0).get(0).serviceId();
        select(sql.toString(), statement -> {
            int parameter = 0;
            statement.setObject(++parameter, organizationId);
            statement.setObject(++parameter, serviceId);
            for (List<RollupKey> range : ranges) {
                statement.setString(++parameter, range.get(0).resolution().name());
                statement.setObject(++parameter, utc(range.get(0).bucketStart()));
                statement.setObject(++parameter, utc(range.get(range.size() - 1).bucketStart()));
            }
        }, row -> stored(row, serviceId)).forEach(row -> rows.put(row.key(), row));
    }

    /**
     * The partition of the running period holding a resolution's buckets that start in [{@code from}, {@code to}), for a
     * statement to name instead of {@link #TABLE}; empty on H2, for a period that has ended, or one without its partition.
     */
    private Optional<String> partitionOf(Resolution resolution, java.time.Instant from, java.time.Instant to) {
        return periodTables.partition(TABLES_BY_RESOLUTION.get(resolution), from, to);
    }

    /** Each resolution's partitioned table on PostgreSQL (named once, not at every statement). */
    private static final Map<Resolution, String> TABLES_BY_RESOLUTION = new java.util.EnumMap<>(Map.of(
            Resolution.MINUTE, TABLE + "_minute", Resolution.HOUR, TABLE + "_hour", Resolution.DAY, TABLE + "_day"));

    /**
     * Existing rows, changed, written back in JDBC batches: one UPDATE each, no entity bookkeeping. Each must have been
     * locked by {@link #lockExisting} in this transaction, so each is still there; one that is not fails the transaction.
     */
    void updateAll(List<Rollup> changed) {
        // Each row through its running period's partition where it has one (see partitionOf), the others through the table.
        Map<String, List<Rollup>> byTable = new LinkedHashMap<>();
        for (Rollup row : changed) {
            RollupKey key = row.key();
            String table = partitionOf(key.resolution(), key.bucketStart(), key.bucketStart().plusNanos(1)).orElse(TABLE);
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
        }
        byTable.forEach((table, rows) -> writeAll(updateRow(table), rows, true));
    }

    /**
     * New rows, complete, in JDBC batches on the transaction's connection: one INSERT each and no entity bookkeeping
     * (a batch of 5,000 minutes made Hibernate's flush the largest cost of the pre-counted minute ingest). A concurrent
     * batch that created one of these buckets first makes this fail with its SQL cause intact, and the ingest retries,
     * then finding the row and locking it.
     */
    void insertAll(List<Rollup> created) {
        writeAll(INSERT_ROW, created, false);
    }

    /** A row's stored numbers, then its key and organisation: the parameters of both statements, in {@link #writeAll}'s order. */
    private static final String ROW_VALUES = "total, good, latency_count, latency_sum_ms, latency_sketch, counts_at_or_under";
    private static final String ROW_KEY = "service_id, resolution, bucket_start, organization_id";
    private static final String INSERT_ROW = "insert into telemetry_rollup (" + ROW_VALUES + ", " + ROW_KEY + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static String updateRow(String table) {
        return "update " + table + " set " + ROW_VALUES.replace(",", " = ?,") + " = ? where " + ROW_KEY.replace(",", " = ? and") + " = ?";
    }

    /** The rows bound to the statement in {@link #ROWS_PER_BATCH}-row batches; {@code mustMatch}: each must change a row. */
    private void writeAll(String sql, List<Rollup> rows, boolean mustMatch) {
        if (rows.isEmpty()) {
            return;
        }
        noticingGonePartitions(() -> em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int first = 0; first < rows.size(); first += ROWS_PER_BATCH) {
                    List<Rollup> batch = rows.subList(first, Math.min(rows.size(), first + ROWS_PER_BATCH));
                    for (Rollup row : batch) {
                        statement.setLong(1, row.total());
                        statement.setLong(2, row.good());
                        statement.setLong(3, row.latencyCount());
                        statement.setDouble(4, row.latencySumMillis());
                        statement.setBytes(5, row.sketchBytes());
                        statement.setString(6, row.countsText());
                        statement.setObject(7, row.key().serviceId());
                        statement.setString(8, row.key().resolution().name());
                        statement.setObject(9, utc(row.key().bucketStart()));
                        statement.setObject(10, row.organizationId());
                        statement.addBatch();
                    }
                    int[] counts = statement.executeBatch();
                    for (int i = 0; mustMatch && i < counts.length; i++) {
                        if (counts[i] == 0) {
                            RollupKey key = batch.get(i).key();
                            throw new IllegalStateException("roll-up " + key.serviceId() + " " + key.resolution() + " " + key.bucketStart()
                                    + " vanished while locked");
                        }
                    }
                }
            }
            return null;
        }));
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Same service and resolution, and at most {@value #MAX_GAP} buckets apart. */
    private static boolean closeTo(RollupKey previous, RollupKey next) {
        return previous.resolution() == next.resolution() && previous.serviceId().equals(next.serviceId())
                && next.bucketStart().getEpochSecond() - previous.bucketStart().getEpochSecond()
                        <= previous.resolution().size().getSeconds() * MAX_GAP;
    }

    /** A service's rows of one piece, in time order, checked ({@link Rollup#requireSound}). */
    List<Rollup> range(UUID serviceId, TimeRanges.Piece piece) {
        return inPiece(ROW_COLUMNS, serviceId, piece, row -> stored(row, serviceId)).stream().map(Rollup::requireSound).toList();
    }

    /** A row of this service as {@link #ROW_COLUMNS} read it. */
    private static Rollup stored(java.sql.ResultSet row, UUID serviceId) throws java.sql.SQLException {
        return Rollup.stored(new RollupKey(serviceId, Resolution.valueOf(row.getString(2)), instant(row, 3)), row.getObject(1, UUID.class),
                row.getLong(4), row.getLong(5), row.getLong(6), row.getDouble(7), row.getBytes(8), row.getString(9));
    }

    /** The counts of a service's buckets of one piece, in order, checked as {@link #range} checks rows; no sketches. */
    List<BucketCounts> countsIn(UUID serviceId, TimeRanges.Piece piece) {
        return inPiece(COUNT_COLUMNS, serviceId, piece, row -> counts(row, serviceId, piece.resolution())).stream()
                .map(BucketCounts::requireSound).toList();
    }

    /** A row's columns as {@link #range} reads them: the organisation, then {@link #COUNT_COLUMNS}' order, the sketch before the threshold counts. */
    private static final String ROW_COLUMNS = "organization_id, resolution, bucket_start, total, good, latency_count, latency_sum_ms, "
            + "latency_sketch, counts_at_or_under";
    /** A row's counts without its sketch (most of a row's bytes): neither sent by the database nor decoded. */
    private static final String COUNT_COLUMNS = "service_id, resolution, bucket_start, total, good, latency_count, latency_sum_ms, "
            + "counts_at_or_under";

    private static BucketCounts counts(java.sql.ResultSet row, UUID serviceId, Resolution resolution) throws java.sql.SQLException {
        return new BucketCounts(serviceId, resolution, instant(row, 3), row.getLong(4), row.getLong(5), row.getLong(6), row.getDouble(7),
                row.getString(8));
    }

    /**
     * What {@code columns} are of a service's buckets of one piece, in time order: one prepared JDBC statement. In JPQL,
     * Hibernate translated the query to SQL again at every execution (it keeps no translated plan while the tenant filter
     * is on), a third of the read's own cost on the mixed workload (docs/BENCHMARKS.md); the organisation being served is
     * named in the statement instead ({@link OrganizationScope#served}).
     */
    private <T> List<T> inPiece(String columns, UUID serviceId, TimeRanges.Piece piece, Row<T> read) {
        UUID served = OrganizationScope.served().orElse(null);
        return selectThrough(partitionOf(piece.resolution(), piece.from(), piece.to()), table -> "select " + columns + " from " + table
                + " where service_id = ? and resolution = ? and bucket_start >= ? and bucket_start < ?"
                + (served == null ? "" : " and organization_id = ?") + " order by bucket_start", statement -> {
            statement.setObject(1, serviceId);
            statement.setString(2, piece.resolution().name());
            statement.setObject(3, utc(piece.from()));
            statement.setObject(4, utc(piece.to()));
            if (served != null) {
                statement.setObject(5, served);
            }
        }, read);
    }

    /** One row of a result, read. */
    @FunctionalInterface
    private interface Row<T> {
        T read(java.sql.ResultSet row) throws java.sql.SQLException;
    }

    /** A statement's parameters, bound. */
    @FunctionalInterface
    private interface Parameters {
        void bind(PreparedStatement statement) throws java.sql.SQLException;
    }

    /**
     * Every row of {@code sql}, read by {@code read}: on the transaction's connection inside one (so it sees the
     * transaction's own writes and holds its locks), otherwise on a pooled connection of its own in auto-commit, one round trip and no
     * transaction to begin and end. One statement sees one snapshot either way: the database's isolation is read committed.
     */
    private <T> List<T> select(String sql, Parameters parameters, Row<T> read) {
        return noticingGonePartitions(() -> selectNow(sql, parameters, read));
    }

    /**
     * Runs the statements; when one named a partition that is gone (a restore made the tables again), the next
     * statements name only partitions read from the catalogue again, and the failure goes on to the caller: inside a
     * transaction, nothing can be retried (PostgreSQL has ended it), and an ingest's group is then written again batch by batch.
     */
    private <T> T noticingGonePartitions(java.util.function.Supplier<T> statements) {
        try {
            return statements.get();
        } catch (RuntimeException e) {
            if (PeriodTables.isUndefinedTable(e)) {
                periodTables.forget();
            }
            throw e;
        }
    }

    /**
     * Reads through {@code partition} (see {@link #partitionOf}) what {@code sqlFor} asks of a table, or through
     * {@link #TABLE}; outside a transaction, again through the table when the partition turned out to be gone.
     */
    private <T> List<T> selectThrough(Optional<String> partition, java.util.function.Function<String, String> sqlFor, Parameters parameters,
                                      Row<T> read) {
        if (partition.isEmpty()) {
            return select(sqlFor.apply(TABLE), parameters, read);
        }
        try {
            return select(sqlFor.apply(partition.get()), parameters, read);
        } catch (RuntimeException e) {
            if (!PeriodTables.isUndefinedTable(e) || transactions.getTransactionKey() != null) {
                throw e;
            }
            return select(sqlFor.apply(TABLE), parameters, read);
        }
    }

    private <T> List<T> selectNow(String sql, Parameters parameters, Row<T> read) {
        if (transactions.getTransactionKey() != null) {
            return em.unwrap(Session.class).doReturningWork(connection -> select(connection, sql, parameters, read));
        }
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return select(connection, sql, parameters, read);
        } catch (java.sql.SQLException e) {
            throw new jakarta.persistence.PersistenceException("reading roll-ups: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> select(java.sql.Connection connection, String sql, Parameters parameters, Row<T> read) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            List<T> rows = new ArrayList<>();
            try (var found = statement.executeQuery()) {
                while (found.next()) {
                    rows.add(read.read(found));
                }
            }
            return rows;
        }
    }

    private static java.time.Instant instant(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    /**
     * The counts of some services' buckets of one resolution inside any of these pieces (the windows of a page of SLOs),
     * in one query per thousand services: overlapping and touching pieces are read once. Not checked; no sketches. The
     * services are bound as one array ({@code = any(?)}), so the statement's text depends only on the number of ranges.
     */
    List<BucketCounts> rangesOf(java.util.Collection<UUID> serviceIds, Resolution resolution, List<TimeRanges.Piece> pieces) {
        List<TimeRanges.Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(java.util.Comparator.comparing(TimeRanges.Piece::from));
        List<java.time.Instant[]> ranges = new ArrayList<>();
        for (TimeRanges.Piece piece : sorted) {
            java.time.Instant[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && !piece.from().isAfter(last[1])) {
                last[1] = piece.to().isAfter(last[1]) ? piece.to() : last[1];
            } else {
                ranges.add(new java.time.Instant[] {piece.from(), piece.to()});
            }
        }
        UUID served = OrganizationScope.served().orElse(null);
        List<BucketCounts> rows = new ArrayList<>();
        List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(serviceIds));
        for (int firstId = 0; firstId < ids.size(); firstId += KEYS_PER_QUERY) {
            List<UUID> someIds = ids.subList(firstId, Math.min(ids.size(), firstId + KEYS_PER_QUERY));
            for (int first = 0; first < ranges.size(); first += RANGES_PER_QUERY) {
                List<java.time.Instant[]> chunk = ranges.subList(first, Math.min(ranges.size(), first + RANGES_PER_QUERY));
                java.util.function.Function<String, String> sqlFor = table -> {
                    StringBuilder sql = new StringBuilder("select ").append(COUNT_COLUMNS)
                            .append(" from ").append(table).append(" where service_id = any(?) and resolution = ? and (");
                    for (int i = 0; i < chunk.size(); i++) {
                        sql.append(i == 0 ? "" : " or ").append("(bucket_start >= ? and bucket_start < ?)");
                    }
                    return sql.append(served == null ? ")" : ") and organization_id = ?").toString();
                };
                // The ranges are in time order and apart: the chunk is inside one partition when its first and last are.
                rows.addAll(selectThrough(partitionOf(resolution, chunk.get(0)[0], chunk.get(chunk.size() - 1)[1]), sqlFor, statement -> {
                    int parameter = 0;
                    statement.setArray(++parameter, statement.getConnection().createArrayOf("uuid", someIds.toArray()));
                    statement.setString(++parameter, resolution.name());
                    for (java.time.Instant[] range : chunk) {
                        statement.setObject(++parameter, utc(range[0]));
                        statement.setObject(++parameter, utc(range[1]));
                    }
                    if (served != null) {
                        statement.setObject(++parameter, served);
                    }
                }, row -> counts(row, row.getObject(1, UUID.class), resolution)));
            }
        }
        return rows;
    }

    /**
     * Several services' buckets of one piece, in no particular order and not checked: the caller sums them per service
     * and decides what a row that cannot be true means for its answer. Read-only, so the persistence context keeps
     * no copies to compare at commit.
     */
    List<Rollup> rangeOf(java.util.Collection<UUID> serviceIds, TimeRanges.Piece piece) {
        List<Rollup> rows = new ArrayList<>();
        List<UUID> ids = List.copyOf(serviceIds);
        for (int i = 0; i < ids.size(); i += KEYS_PER_QUERY) {
            rows.addAll(em.createQuery("select r from Rollup r where r.key.serviceId in :services and r.key.resolution = :resolution "
                            + "and r.key.bucketStart >= :from and r.key.bucketStart < :to", Rollup.class)
                    .setParameter("services", ids.subList(i, Math.min(ids.size(), i + KEYS_PER_QUERY)))
                    .setParameter("resolution", piece.resolution())
                    .setParameter("from", piece.from())
                    .setParameter("to", piece.to())
                    .setHint("org.hibernate.readOnly", true)
                    .getResultList());
        }
        return rows;
    }

    /** Drops a service's roll-ups of every resolution whose buckets start in [from, to); how many rows went. */
    int deleteRange(UUID serviceId, java.time.Instant from, java.time.Instant to) {
        return em.createQuery("delete from Rollup r where r.key.serviceId = :service and r.key.bucketStart >= :from "
                        + "and r.key.bucketStart < :to")
                .setParameter("service", serviceId).setParameter("from", from).setParameter("to", to).executeUpdate();
    }

    /**
     * The organisation's batches recorded under these idempotency keys, by key: what a repeat is answered with. One
     * statement text whatever the number of keys (an array bound to {@code = any(?)}), where a list of 1 to 32 keys was
     * one text per length, each prepared and cached apart on every pooled connection. No faster, measured
     * (docs/BENCHMARKS.md); fewer statements kept per connection.
     */
    Map<String, RecordedBatch> batches(UUID organizationId, Collection<String> idempotencyKeys) {
        if (idempotencyKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, RecordedBatch> found = new HashMap<>();
        select("select idempotency_key, id, body_digest, observations, received_at from telemetry_ingest_batch "
                + "where organization_id = ? and idempotency_key = any(?)", statement -> {
            statement.setObject(1, organizationId);
            statement.setArray(2, statement.getConnection().createArrayOf("varchar", idempotencyKeys.toArray()));
        }, row -> Map.entry(row.getString(1), new RecordedBatch(row.getObject(2, UUID.class), row.getString(3), row.getInt(4),
                instant(row, 5)))).forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        return found;
    }

    /** A batch recorded under an idempotency key, as a repeat of it is answered. */
    record RecordedBatch(UUID id, String bodyDigest, int observations, java.time.Instant receivedAt) {
    }

    /**
     * Records applied batches, one JDBC batch of inserts on the transaction's connection, at once: a concurrent twin of
     * one of them (same organisation and key) fails here on the unique key, before any roll-up is touched, with its SQL
     * cause intact for the ingest's retry. Through Hibernate each was an entity persisted, then flushed, with the
     * persistence context's bookkeeping around it, for a row never read back as an entity in that transaction.
     */
    void recordAll(List<IngestBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into telemetry_ingest_batch (id, organization_id, "
                    + "idempotency_key, body_digest, observations, received_at) values (?, ?, ?, ?, ?, ?)")) {
                for (IngestBatch batch : batches) {
                    insert.setObject(1, batch.id());
                    insert.setObject(2, batch.organizationId());
                    insert.setString(3, batch.idempotencyKey());
                    insert.setString(4, batch.bodyDigest());
                    insert.setInt(5, batch.observations());
                    insert.setObject(6, utc(batch.receivedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    int deleteBatchesReceivedBefore(java.time.Instant cutoff) {
        return em.createNamedQuery("IngestBatch.deleteReceivedBefore").setParameter("cutoff", cutoff).executeUpdate();
    }

    /**
     * Bounded below by the oldest minute: "minutes before the cutoff" alone is estimated from the times of every
     * resolution (hours and days go back months), so PostgreSQL scanned the whole table every hour (23.5 s at 59
     * million rows); an hour's range is estimated as small and read through the (resolution, bucket_start) index.
     */
    int deleteMinutesBefore(java.time.Instant cutoff) {
        java.time.Instant oldest = em.createQuery("select min(r.key.bucketStart) from Rollup r where r.key.resolution = :minute",
                java.time.Instant.class).setParameter("minute", Resolution.MINUTE).getSingleResult();
        if (oldest == null || !oldest.isBefore(cutoff)) {
            return 0;
        }
        return em.createNamedQuery("Rollup.deleteMinutesBefore").setParameter("minute", Resolution.MINUTE)
                .setParameter("oldest", oldest).setParameter("cutoff", cutoff).executeUpdate();
    }
}
