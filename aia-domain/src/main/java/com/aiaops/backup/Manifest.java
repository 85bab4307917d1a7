package com.aiaops.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup holds: a digest of the tables and columns it was written from ({@code schemaVersion}), the migration
 * version of that schema ({@code schemaMigration}; absent in backups made before migrations, which had the baseline
 * schema), each table's file with its row count, size and SHA-256, and the time range of data it covers (the
 * backup's start is its recovery point).
 */
public record Manifest(int formatVersion, String schemaVersion, String backupName, String kind, String baseBackup, Instant startedAt,
                       Instant finishedAt, Instant coversUntil, List<TableEntry> tables, String schemaMigration) {
    public static final int FORMAT = 1;

    /**
     * One table: its file, columns in file order, the key its rows are sorted by, row count, file size, SHA-256 of
     * the file (integrity) and of its uncompressed content (what a restored copy must reproduce), and the backup whose
     * directory holds the file (this one, or for a table an incremental backup found unchanged, an earlier one).
     */
    public record TableEntry(String table, String file, List<String> columns, List<String> key, long rows, long bytes, String sha256,
                             String contentSha256, String storedIn) {
    }

    /** The migration version of the schema the backup was written from. */
    public String migrationVersion() {
        return schemaMigration == null ? com.aiaops.schema.SchemaMigrations.BASELINE : schemaMigration;
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableEntry::rows).sum();
    }

    public long totalBytes() {
        return tables.stream().mapToLong(TableEntry::bytes).sum();
    }
}
