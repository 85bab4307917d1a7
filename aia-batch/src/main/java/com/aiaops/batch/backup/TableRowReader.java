package com.aiaops.batch.backup;

import com.aiaops.backup.BackupStore;
import com.aiaops.backup.BackupTables;
import com.aiaops.backup.TableExport;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads every application table, one after the other, in primary-key order, a page at a time. Its checkpoint is
 * the table and the last key read, so a restart reads on from exactly there.
 */
@Named
@jakarta.enterprise.context.Dependent
public class TableRowReader extends AbstractItemReader {
    static final int PAGE = 5_000;

    /** Where reading stands: the table's index and the key of the last row handed out (null: none yet). */
    public record Position(int table, ArrayList<String> lastKey) implements Serializable {
    }

    /** One row for the writer: which table, the table's columns, the row's values and key. */
    public record Item(int table, String tableName, List<String> columns, List<String> values, List<String> key) implements Serializable {
    }

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @jakarta.inject.Inject
    jakarta.batch.runtime.context.JobContext job;

    @jakarta.inject.Inject
    BackupStore store;

    private List<BackupTables.Table> tables;
    private int table;
    private List<String> lastKey;
    private final Deque<TableExport.Row> page = new ArrayDeque<>();
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            tables = BackupTables.list(c);
        }
        if (checkpoint instanceof Position p) {
            table = p.table();
            lastKey = p.lastKey();
        } else {
            // Restarted after a crash the job repository did not see: go on from the progress the chunks recorded.
            store.progress(BackupStore.nameOf(job.getInstanceId())).ifPresent(progress -> {
                table = progress.tableIndex();
                lastKey = new ArrayList<>(progress.lastKey());
            });
        }
    }

    @Override
    public Object readItem() throws Exception {
        while (page.isEmpty() && !exhausted) {
            if (table >= tables.size()) {
                exhausted = true;
                break;
            }
            try (Connection c = dataSource.getConnection()) {
                page.addAll(TableExport.page(c, null, tables.get(table), lastKey, PAGE));
            }
            if (page.isEmpty()) {
                table++;
                lastKey = null;
            }
        }
        TableExport.Row row = page.poll();
        if (row == null) {
            return null;
        }
        lastKey = row.key();
        BackupTables.Table t = tables.get(table);
        return new Item(table, t.name(), t.columns().stream().map(BackupTables.Column::name).toList(), row.values(), row.key());
    }

    @Override
    public Serializable checkpointInfo() {
        return new Position(table, lastKey == null ? null : new ArrayList<>(lastKey));
    }
}
