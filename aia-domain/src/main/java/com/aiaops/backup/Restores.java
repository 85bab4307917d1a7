package com.aiaops.backup;

import com.aiaops.partitioning.PartitionCatalog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.jboss.logging.Logger;

/**
 * Restores a backup into the platform's own database, which must be empty (a new installation, or one whose data
 * was lost): every file's SHA-256 is checked before anything is written, tables are filled parents first, and every
 * table's row count and content SHA-256 must equal the manifest's before the one transaction holding it all commits
 * — a restore that does not verify leaves the database as empty as it found it. Id sequences are then moved past
 * the restored ids, so that new rows do not collide with restored ones.
 */
@ApplicationScoped
public class Restores {
    private static final Logger LOG = Logger.getLogger(Restores.class);

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @Inject
    com.aiaops.shared.ClusterCaches caches;

    @Inject
    BackupStore store;

    @Inject
    com.aiaops.schema.SchemaMigrations schemaMigrations;

    /** A restore that was not started because its backup or the database is not fit for it; nothing was written. */
    public static class RestoreRefused extends RuntimeException {
        private final String reason;

        RestoreRefused(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** A short code for the job's exit status: NO_BACKUP, CORRUPT_BACKUP, NOT_EMPTY, SCHEMA_MISMATCH, SCHEMA_NEWER. */
        public String reason() {
            return reason;
        }
    }

    /** Runs outside any JTA transaction: the whole restore is one transaction of its own connection. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public RestoreDrill restore(String backupName) {
        Instant started = store.now();
        Manifest manifest = readManifest(backupName);
        Map<String, Path> files = verifiedFiles(backupName, manifest);
        String installed = schemaMigrations.version();
        int age = MigrationVersion.fromVersion(manifest.migrationVersion()).compareTo(MigrationVersion.fromVersion(installed));
        if (age > 0) {
            throw new RestoreRefused("SCHEMA_NEWER", backupName + " was written by a newer release (schema version " + manifest.migrationVersion()
                    + "); this installation's schema is at version " + installed + ": install that release or a newer one, then restore");
        }
        List<String> problems = new ArrayList<>();
        long rows = age < 0 ? restoreThroughMigrations(manifest, files, problems) : restoreAsWritten(manifest, files, problems);
        return finish(backupName, manifest, started, rows, problems);
    }

    /** The backup's schema is this installation's: its rows go straight into the tables, in one transaction. */
    private long restoreAsWritten(Manifest manifest, Map<String, Path> files, List<String> problems) {
        try {
            return fillInOneTransaction(problems, (c, schema, filled) -> {
                long rows = 0;
                Set<String> tables = new TreeSet<>(BackupTables.list(c).stream().map(BackupTables.Table::name).toList());
                requireEmpty(c, tables);
                for (Manifest.TableEntry entry : parentsFirst(c, schema, tables, manifest.tables())) {
                    if (!tables.contains(entry.table())) {
                        throw new RestoreRefused("SCHEMA_MISMATCH", "the database has no table " + entry.table());
                    }
                    BackupTables.Table table = TableRestore.describe(c, schema, entry);
                    filled.add(table);
                    long restored = TableRestore.insertRows(c, schema, table, files.get(entry.table()));
                    long counted = TableRestore.count(c, schema + "." + entry.table());
                    rows += counted;
                    if (restored != entry.rows() || counted != entry.rows()) {
                        problems.add(entry.table() + ": " + entry.rows() + " rows in the manifest, " + restored + " in the file, " + counted + " restored");
                    } else if (!entry.contentSha256().equals(TableRestore.contentDigest(c, schema, table))) {
                        problems.add(entry.table() + ": the restored rows differ from the backup's");
                    }
                }
                return rows;
            });
        } catch (SQLException e) {
            LOG.warnf(e, "Restore of %s failed", manifest.backupName());
            problems.add("database: " + e.getMessage());
            return 0;
        }
    }

    /** Filling the platform's tables: rows written, and the tables filled (whose id sequences then move past them). */
    private interface Filling {
        long fill(Connection c, String schema, List<BackupTables.Table> filled) throws SQLException;
    }

    /**
     * One transaction of its own connection that fills the platform's tables: committed — with the id sequences moved
     * past the restored ids — only when no problem was found, else rolled back, leaving the database as empty as it was.
     */
    private long fillInOneTransaction(List<String> problems, Filling filling) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String schema = c.getSchema();
                List<BackupTables.Table> filled = new ArrayList<>();
                long rows = filling.fill(c, schema, filled);
                if (problems.isEmpty()) {
                    advanceSequences(c, schema, filled);
                    c.commit();
                } else {
                    c.rollback();
                }
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private RestoreDrill finish(String backupName, Manifest manifest, Instant started, long rows, List<String> problems) {
        if (problems.isEmpty()) {
            // Anything cached while the database was empty (an empty query result) is stale now.
            caches.queries().clear();
            store.catalogRestored(backupName, manifest);
        }
        Instant finished = store.now();
        RestoreDrill result = new RestoreDrill(RestoreDrill.Kind.RESTORE, backupName, started, finished, problems.isEmpty(), manifest.tables().size(),
                problems.isEmpty() ? rows : 0, Duration.between(manifest.startedAt(), started).toSeconds(),
                Duration.between(started, finished).toMillis() / 1000.0, problems.isEmpty() ? null : String.join("; ", problems));
        store.record(result);
        LOG.infof("Restore of %s: %s, %d rows in %d tables", backupName, result.verified() ? "verified and committed" : "rolled back",
                result.rows(), result.tables());
        return result;
    }

    /**
     * The backup's schema is older than this installation's: the backup is restored into a scratch schema built at
     * the backup's version (and proven there against the manifest), the scratch schema is migrated to this build's
     * version — the migrations change the restored rows as they changed every installation's — and its tables are
     * then copied into the empty database in one transaction. The scratch schema is dropped in every case.
     */
    private long restoreThroughMigrations(Manifest manifest, Map<String, Path> files, List<String> problems) {
        long rows = 0;
        String stage;
        try (Connection c = dataSource.getConnection()) {
            requireEmpty(c, new TreeSet<>(BackupTables.list(c).stream().map(BackupTables.Table::name).toList()));
            stage = TableRestore.stored(c.getMetaData(), "restore_stage");
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + stage + " cascade");
            }
        } catch (SQLException e) {
            problems.add("database: " + e.getMessage());
            return 0;
        }
        try {
            schemaMigrations.migrateScratch(stage, manifest.migrationVersion());
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Set<String> stagedTables = tablesOf(c, stage);
                for (Manifest.TableEntry entry : parentsFirst(c, stage, stagedTables, manifest.tables())) {
                    if (!stagedTables.contains(entry.table())) {
                        throw new RestoreRefused("SCHEMA_MISMATCH", "schema version " + manifest.migrationVersion() + " has no table " + entry.table()
                                + ": the backup does not match its own manifest");
                    }
                    BackupTables.Table table = TableRestore.describe(c, stage, entry);
                    long restored = TableRestore.insertRows(c, stage, table, files.get(entry.table()));
                    if (restored != entry.rows() || TableRestore.count(c, stage + "." + entry.table()) != entry.rows()) {
                        problems.add(entry.table() + ": " + entry.rows() + " rows in the manifest, " + restored + " in the file");
                    } else if (!entry.contentSha256().equals(TableRestore.contentDigest(c, stage, table))) {
                        problems.add(entry.table() + ": the restored rows differ from the backup's");
                    }
                }
                c.commit();
            }
            if (!problems.isEmpty()) {
                return 0;
            }
            schemaMigrations.migrateScratch(stage, null);
            LOG.infof("Restore of %s: migrated from schema version %s to %s in %s", manifest.backupName(), manifest.migrationVersion(),
                    schemaMigrations.version(), stage);
            rows = copyInto(stage, problems);
        } catch (SQLException | org.flywaydb.core.api.FlywayException e) {
            LOG.warnf(e, "Restore of %s through migrations failed", manifest.backupName());
            problems.add("database: " + e.getMessage());
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + stage + " cascade");
            } catch (SQLException e) {
                LOG.warnf(e, "The scratch schema %s of a restore could not be dropped", stage);
            }
        }
        return problems.isEmpty() ? rows : 0;
    }

    /** Copies every table of the migrated scratch schema into the platform's empty tables, parents first, in one transaction. */
    private long copyInto(String stage, List<String> problems) throws SQLException {
        return fillInOneTransaction(problems, (c, schema, filled) -> {
            long rows = 0;
            List<BackupTables.Table> live = BackupTables.list(c);
            Set<String> liveNames = new TreeSet<>(live.stream().map(BackupTables.Table::name).toList());
            requireEmpty(c, liveNames);
            Set<String> staged = tablesOf(c, stage);
            List<Manifest.TableEntry> asEntries = live.stream().filter(t -> staged.contains(t.name()))
                    .map(t -> new Manifest.TableEntry(t.name(), null, t.columns().stream().map(BackupTables.Column::name).toList(), t.primaryKey(),
                            0, 0, null, null, null)).toList();
            filled.addAll(live);
            for (Manifest.TableEntry table : parentsFirst(c, schema, liveNames, asEntries)) {
                String columns = String.join(", ", table.columns());
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into " + schema + "." + table.table() + " (" + columns + ") select " + columns + " from " + stage + "."
                            + table.table());
                }
                long copied = TableRestore.count(c, schema + "." + table.table());
                long migrated = TableRestore.count(c, stage + "." + table.table());
                if (copied != migrated) {
                    problems.add(table.table() + ": " + migrated + " rows migrated, " + copied + " copied");
                }
                rows += copied;
            }
            return rows;
        });
    }

    private static Set<String> tablesOf(Connection c, String schema) throws SQLException {
        Set<String> names = new TreeSet<>();
        Set<String> partitions = PartitionCatalog.partitionsIn(c, schema);
        try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", BackupTables.TABLE_TYPES)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!partitions.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private Manifest readManifest(String backupName) {
        if (!backupName.matches("[a-z0-9-]{1,64}") || !Files.exists(store.directory(backupName).resolve("manifest.json"))) {
            throw new RestoreRefused("NO_BACKUP", "no backup " + backupName + " in " + store.root());
        }
        try {
            Manifest manifest = store.manifest(backupName);
            if (manifest.formatVersion() != Manifest.FORMAT || manifest.tables() == null) {
                throw new RestoreRefused("CORRUPT_BACKUP", backupName + " is not a backup of format " + Manifest.FORMAT);
            }
            return manifest;
        } catch (UncheckedIOException | jakarta.json.bind.JsonbException e) {
            throw new RestoreRefused("CORRUPT_BACKUP", "the manifest of " + backupName + " cannot be read: " + e.getMessage());
        }
    }

    /** Every table's file, each found where the manifest says and matching its SHA-256: checked before anything is written. */
    private Map<String, Path> verifiedFiles(String backupName, Manifest manifest) {
        Map<String, Path> files = new HashMap<>();
        for (Manifest.TableEntry entry : manifest.tables()) {
            Path file = TableFiles.file(store.directory(entry.storedIn() == null ? backupName : entry.storedIn()), entry.table());
            if (!Files.exists(file)) {
                throw new RestoreRefused("CORRUPT_BACKUP", entry.table() + ": " + file + " is missing");
            }
            if (!entry.sha256().equals(TableFiles.sha256(file))) {
                throw new RestoreRefused("CORRUPT_BACKUP", entry.table() + ": " + file + " differs from the manifest's checksum");
            }
            files.put(entry.table(), file);
        }
        return files;
    }

    private static void requireEmpty(Connection c, Set<String> tables) throws SQLException {
        List<String> holdingRows = new ArrayList<>();
        for (String table : tables) {
            long rows = TableRestore.count(c, table);
            if (rows > 0) {
                holdingRows.add(table + " (" + rows + ")");
            }
        }
        if (!holdingRows.isEmpty()) {
            throw new RestoreRefused("NOT_EMPTY", "a restore needs an empty database; these tables hold rows: " + String.join(", ", holdingRows));
        }
    }

    /** The manifest's tables ordered so that a table comes after every table its foreign keys refer to. */
    static List<Manifest.TableEntry> parentsFirst(Connection c, String schema, Set<String> existing,
                                                 List<Manifest.TableEntry> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (Manifest.TableEntry entry : tables) {
            Set<String> refersTo = new TreeSet<>();
            if (existing.contains(entry.table())) {
                try (ResultSet rs = meta.getImportedKeys(null, schema, TableRestore.stored(meta, entry.table()))) {
                    while (rs.next()) {
                        refersTo.add(rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            refersTo.remove(entry.table());
            parents.put(entry.table(), refersTo);
        }
        Map<String, Manifest.TableEntry> byName = new TreeMap<>();
        tables.forEach(t -> byName.put(t.table(), t));
        List<Manifest.TableEntry> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        while (ordered.size() < tables.size()) {
            boolean progressed = false;
            for (Manifest.TableEntry entry : byName.values()) {
                if (!placed.contains(entry.table())
                        && parents.get(entry.table()).stream().allMatch(p -> placed.contains(p) || !byName.containsKey(p))) {
                    ordered.add(entry);
                    placed.add(entry.table());
                    progressed = true;
                }
            }
            if (!progressed) { // a cycle: the rest in name order; an insert that breaks a key fails and is reported
                byName.values().stream().filter(t -> !placed.contains(t.table())).forEach(ordered::add);
                break;
            }
        }
        return ordered;
    }

    /** Every id sequence restarted above the largest numeric key restored, with room for one block of cached ids. */
    private static void advanceSequences(Connection c, String schema, List<BackupTables.Table> tables) throws SQLException {
        long largest = 0;
        for (BackupTables.Table table : tables) {
            if (table.primaryKey().size() != 1) {
                continue;
            }
            String key = table.primaryKey().get(0);
            int type = table.columns().stream().filter(col -> col.name().equals(key)).findFirst().map(BackupTables.Column::jdbcType).orElse(Types.VARCHAR);
            if (type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(max(" + key + "), 0) from " + table.name())) {
                    rs.next();
                    largest = Math.max(largest, rs.getLong(1));
                }
            }
        }
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        Map<String, Long> increments = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select sequence_schema, sequence_name, increment from information_schema.sequences")) {
            while (rs.next()) {
                if (schema.equalsIgnoreCase(rs.getString(1))) {
                    increments.put(rs.getString(2), Long.parseLong(rs.getString(3).trim()));
                }
            }
        }
        for (Map.Entry<String, Long> sequence : increments.entrySet()) {
            long next = largest + Math.max(1, sequence.getValue()) + 1;
            try (Statement s = c.createStatement()) {
                if (postgres) {
                    s.execute("select setval('" + schema + "." + sequence.getKey() + "', " + next + ", false)");
                } else {
                    s.execute("alter sequence " + schema + "." + sequence.getKey() + " restart with " + next);
                }
            }
        }
    }
}
