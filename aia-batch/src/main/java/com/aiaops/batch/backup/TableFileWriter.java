package com.aiaops.batch.backup;

import com.aiaops.backup.BackupStore;
import com.aiaops.backup.TableFiles;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Appends each chunk's rows to their table's file as one gzip member, then reports the file's length as its
 * checkpoint. On a restart it cuts the file back to that length and removes files of later tables, so what it
 * writes again is byte for byte what an uninterrupted run writes.
 */
@Named
@jakarta.enterprise.context.Dependent
public class TableFileWriter extends AbstractItemWriter {
    /** The table being written and its file's length after the last committed chunk. */
    public record Position(int table, String tableName, long length) implements Serializable {
    }

    @Inject
    JobContext job;

    @Inject
    BackupStore store;

    /** Milliseconds to pause after each chunk: a throttle that keeps a backup from crowding out the platform's own work. */
    @Inject
    @jakarta.batch.api.BatchProperty
    String pauseMillis;

    private Path directory;
    private Position position;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        directory = store.directory(BackupStore.nameOf(job.getInstanceId()));
        List<Path> files;
        try (var listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".csv.gz")).toList();
        }
        if (!(checkpoint instanceof Position)) {
            checkpoint = store.progress(BackupStore.nameOf(job.getInstanceId()))
                    .map(progress -> new Position(progress.tableIndex(), progress.tableName(), progress.fileLength())).orElse(null);
        }
        if (checkpoint instanceof Position p) {
            position = p;
            for (Path f : files) {
                String name = f.getFileName().toString().replace(".csv.gz", "");
                if (name.compareTo(p.tableName()) > 0) {
                    Files.delete(f); // written after the checkpoint: written again
                }
            }
            Path current = TableFiles.file(directory, p.tableName());
            try (FileChannel channel = FileChannel.open(current, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                channel.truncate(p.length());
            }
        } else {
            for (Path f : files) {
                Files.delete(f);
            }
        }
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<TableRowReader.Item> group = new ArrayList<>();
        for (Object o : items) {
            TableRowReader.Item item = (TableRowReader.Item) o;
            if (!group.isEmpty() && group.get(0).table() != item.table()) {
                append(group);
                group.clear();
            }
            group.add(item);
        }
        if (!group.isEmpty()) {
            append(group);
        }
        TableRowReader.Item last = (TableRowReader.Item) items.get(items.size() - 1);
        store.progress(BackupStore.nameOf(job.getInstanceId()), last.table(), last.tableName(), last.key(), position.length());
        long pause = pauseMillis == null || pauseMillis.isBlank() ? 0 : Long.parseLong(pauseMillis.trim());
        if (pause > 0) {
            Thread.sleep(Math.min(pause, 60_000));
        }
    }

    private void append(List<TableRowReader.Item> rows) throws IOException {
        TableRowReader.Item first = rows.get(0);
        Path file = TableFiles.file(directory, first.tableName());
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
             Writer text = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16)) {
            List<List<String>> records = new ArrayList<>(rows.size() + 1);
            if (fresh) {
                records.add(first.columns());
            }
            rows.forEach(r -> records.add(r.values()));
            TableFiles.writeRecords(text, records);
        }
        position = new Position(first.table(), first.tableName(), Files.size(file));
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }
}
