package com.aiaops.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where a running backup stands, written in the transaction of each chunk it commits: the table, the key of the last
 * row written, and the length of that table's file. A backup restarted after its node was killed goes on from here
 * (the job repository's own checkpoint is not relied on alone).
 */
@Entity
@Table(name = "backup_run_progress")
public class BackupProgress {
    @Id
    @Column(name = "backup_name", length = 64)
    private String backupName;

    @Column(name = "table_index", nullable = false)
    private int tableIndex;

    @Column(name = "table_name", nullable = false, length = 128)
    private String tableName;

    /** The last key written, its values joined by the unit separator (U+001F). */
    @Column(name = "last_key", nullable = false, length = 4000)
    private String lastKey;

    @Column(name = "file_length", nullable = false)
    private long fileLength;

    protected BackupProgress() {
    }

    public BackupProgress(String backupName) {
        this.backupName = backupName;
    }

    public void moveTo(int table, String name, java.util.List<String> key, long length) {
        tableIndex = table;
        tableName = name;
        lastKey = String.join("\u001f", key);
        fileLength = length;
    }

    public int tableIndex() {
        return tableIndex;
    }

    public String tableName() {
        return tableName;
    }

    public java.util.List<String> lastKey() {
        return java.util.List.of(lastKey.split("\u001f", -1));
    }

    public long fileLength() {
        return fileLength;
    }
}
