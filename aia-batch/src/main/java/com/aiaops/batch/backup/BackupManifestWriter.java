package com.aiaops.batch.backup;

import com.aiaops.backup.Backup;
import com.aiaops.backup.BackupStore;
import com.aiaops.backup.BackupTables;
import com.aiaops.backup.Manifest;
import com.aiaops.backup.TableFiles;
import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;

/**
 * Last step of a backup: a file for every table (header only when it had no rows), then the manifest with each
 * file's row count, size and SHA-256, and the schema (a digest of its tables and columns, and its migration version);
 * the backup is then COMPLETED.
 */
@Named
@jakarta.enterprise.context.Dependent
public class BackupManifestWriter extends AbstractBatchlet {
    @Inject
    JobContext job;

    @Inject
    BackupStore store;

    @Inject
    com.aiaops.schema.SchemaMigrations schemaMigrations;

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    /** "true" for an incremental backup: tables unchanged since the newest completed backup are not kept twice. */
    @Inject
    @jakarta.batch.api.BatchProperty
    String incremental;

    @Override
    public String process() throws Exception {
        String name = BackupStore.nameOf(job.getInstanceId());
        Backup backup = store.find(name).orElseThrow();
        Path directory = store.directory(name);
        List<BackupTables.Table> tables;
        try (Connection c = dataSource.getConnection()) {
            tables = BackupTables.list(c);
        }
        boolean isIncremental = "true".equalsIgnoreCase(incremental);
        Manifest base = null;
        if (isIncremental) {
            base = store.list().stream().filter(b -> b.status() == Backup.Status.COMPLETED && !b.name().equals(name)).findFirst()
                    .map(b -> store.manifest(b.name())).orElse(null);
        }
        java.util.Map<String, Manifest.TableEntry> previous = new java.util.HashMap<>();
        if (base != null) {
            for (Manifest.TableEntry e : base.tables()) {
                previous.put(e.table(), e.storedIn() == null ? withStore(e, base.backupName()) : e);
            }
        }
        MessageDigest schema = MessageDigest.getInstance("SHA-256");
        List<Manifest.TableEntry> entries = new ArrayList<>();
        for (BackupTables.Table table : tables) {
            Path file = TableFiles.file(directory, table.name());
            List<String> columns = table.columns().stream().map(BackupTables.Column::name).toList();
            if (!Files.exists(file)) {
                try (Writer text = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
                    TableFiles.writeRecords(text, List.of(columns));
                }
            }
            long rows = TableFiles.read(file, header -> { }, row -> { });
            String content = TableFiles.contentSha256(file);
            Manifest.TableEntry earlier = previous.get(table.name());
            if (earlier != null && earlier.contentSha256().equals(content) && earlier.columns().equals(columns)) {
                Files.delete(file); // unchanged since the base: the base's file serves
                entries.add(earlier);
            } else {
                entries.add(new Manifest.TableEntry(table.name(), file.getFileName().toString(), columns, table.primaryKey(), rows,
                        Files.size(file), TableFiles.sha256(file), content, null));
            }
            schema.update((table.name() + ":" + table.columns() + ";").getBytes(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, HexFormat.of().formatHex(schema.digest()).substring(0, 16), name,
                base == null ? "FULL" : "INCREMENTAL", base == null ? null : base.backupName(), backup.startedAt(), store.now(),
                backup.startedAt(), entries, schemaMigrations.version());
        store.complete(name, manifest);
        return "COMPLETED";
    }

    private static Manifest.TableEntry withStore(Manifest.TableEntry e, String storedIn) {
        return new Manifest.TableEntry(e.table(), e.file(), e.columns(), e.key(), e.rows(), e.bytes(), e.sha256(), e.contentSha256(), storedIn);
    }
}
