package com.aiaops.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup holds: the schema version of the tables it was written from, each table's file with its row count,
 * size and SHA-256, and the time range of data it covers (the backup's start is its recovery point).
 */
public record Manifest(int formatVersion, String schemaVersion, String backupName, String kind, String baseBackup, Instant startedAt,
                       Instant finishedAt, Instant coversUntil, List<TableEntry> tables) {
    public static final int FORMAT = 1;

    /**
     * One table: its file, columns in file order, the key its rows are sorted by, row count, file size, SHA-256 of
     * the file (integrity) and of its uncompressed content (what a restored copy must reproduce), and the backup whose
     * directory holds the file (this one, or for a table an incremental backup found unchanged, an earlier one).
     */
    public record TableEntry(String table, String file, List<String> columns, List<String> key, long rows, long bytes, String sha256,
                             String contentSha256, String storedIn) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableEntry::rows).sum();
    }

    public long totalBytes() {
        return tables.stream().mapToLong(TableEntry::bytes).sum();
    }
}
