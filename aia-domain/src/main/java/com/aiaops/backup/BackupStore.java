package com.aiaops.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where backups live ({@code aia.backup.dir}, default the server's data directory), and their catalog. */
@ApplicationScoped
public class BackupStore {
    @Inject
    com.aiaops.audit.AuditLog audit;

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "aia.backup.dir")
    Optional<String> configuredDirectory;

    public Path root() {
        return Path.of(configuredDirectory.orElse(System.getProperty("jboss.server.data.dir", "data") + "/backups"));
    }

    public Path directory(String backupName) {
        if (!backupName.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a backup name: " + backupName);
        }
        return root().resolve(backupName);
    }

    /** The name of the backup a job instance writes (the same across its restarts). */
    public static String nameOf(long jobInstanceId) {
        return "backup-" + jobInstanceId;
    }

    /** The catalog entry of the backup a job instance writes, made on its first run and kept on a restart. */
    @Transactional
    public Backup begin(long jobInstanceId) {
        String name = nameOf(jobInstanceId);
        Backup backup = em.find(Backup.class, name);
        if (backup == null) {
            backup = new Backup(name, jobInstanceId, clock.instant());
            em.persist(backup);
        }
        try {
            Files.createDirectories(directory(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup directory", e);
        }
        return backup;
    }

    @Transactional
    public Backup complete(String name, Manifest manifest) {
        Backup backup = em.find(Backup.class, name);
        Path file = directory(name).resolve("manifest.json");
        try {
            Files.writeString(file, JSON.toJson(manifest), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest", e);
        }
        backup.completed(clock.instant(), manifest.totalRows(), manifest.totalBytes(), TableFiles.sha256(file));
        BackupProgress progress = em.find(BackupProgress.class, name);
        if (progress != null) {
            em.remove(progress);
        }
        return backup;
    }

    public Manifest manifest(String name) {
        try {
            return JSON.fromJson(Files.readString(directory(name).resolve("manifest.json")), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + name, e);
        }
    }

    @Transactional
    public List<Backup> list() {
        return em.createQuery("select b from Backup b order by b.startedAt desc", Backup.class).setMaxResults(500).getResultList();
    }

    @Transactional
    public Optional<Backup> find(String name) {
        return Optional.ofNullable(em.find(Backup.class, name));
    }

    @Transactional
    public Optional<Backup> newestCompleted() {
        return em.createQuery("select b from Backup b where b.status = :done order by b.startedAt desc", Backup.class)
                .setParameter("done", Backup.Status.COMPLETED).setMaxResults(1).getResultStream().findFirst();
    }

    /** After a restore into an empty installation: the backup restored is listed in its catalog like one written here. */
    @Transactional
    public void catalogRestored(String name, Manifest manifest) {
        if (em.find(Backup.class, name) == null) {
            Backup backup = new Backup(name, -1, manifest.startedAt());
            backup.completed(manifest.finishedAt() == null ? clock.instant() : manifest.finishedAt(), manifest.totalRows(), manifest.totalBytes(),
                    TableFiles.sha256(directory(name).resolve("manifest.json")));
            em.persist(backup);
        }
    }

    /** Removes a backup's files and catalog entry (retention). */
    @Transactional
    public void delete(String name) {
        deleteFiles(directory(name));
        Backup backup = em.find(Backup.class, name);
        if (backup != null) {
            em.remove(backup);
        }
    }

    /**
     * A person or program took a whole backup away (every organisation's data): recorded in their trail before the
     * first byte leaves.
     */
    public void downloading(com.aiaops.access.Caller caller, Backup backup) {
        audit.recordOperation(caller, "backup.downloaded", "backup", backup.name(),
                java.util.Map.of("rows", backup.totalRows() == null ? 0L : backup.totalRows()));
    }

    /** Someone brought another installation's backup in: recorded with what it holds. */
    public void imported(com.aiaops.access.Caller caller, Backup backup) {
        audit.recordOperation(caller, "backup.imported", "backup", backup.name(),
                java.util.Map.of("rows", backup.totalRows() == null ? 0L : backup.totalRows()));
    }

    /**
     * Takes in a backup written by another installation (the zip {@code GET /backups/{name}/archive} gives): only a
     * manifest and table files with plain names are accepted, every file must match the manifest's SHA-256, and the
     * backup must be whole (no table kept in a base backup elsewhere). It is then in the catalog like any other.
     */
    @Transactional
    public Backup importArchive(java.io.InputStream zip) {
        String name = nameOf(9_000_000_000_000L + clock.millis()); // apart from job instance numbers
        Path dir = directory(name);
        try {
            Files.createDirectories(dir);
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(zip)) {
                for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String file = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (!file.equals("manifest.json") && !file.matches("[a-z0-9_]{1,128}\\.csv\\.gz")) {
                        throw new InvalidBackup("unexpected file in the archive: " + file);
                    }
                    Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Manifest manifest = JSON.fromJson(Files.readString(dir.resolve("manifest.json")), Manifest.class);
            if (manifest.formatVersion() != Manifest.FORMAT || manifest.tables() == null) {
                throw new InvalidBackup("not a backup manifest of format " + Manifest.FORMAT);
            }
            for (Manifest.TableEntry table : manifest.tables()) {
                Path f = dir.resolve(table.file());
                if (table.storedIn() != null) {
                    throw new InvalidBackup(table.table() + " is kept in another backup: import a whole (full) backup");
                }
                if (!table.file().equals(table.table() + ".csv.gz") || !Files.exists(f) || !TableFiles.sha256(f).equals(table.sha256())) {
                    throw new InvalidBackup(table.table() + ": the file is missing or differs from the manifest");
                }
            }
            Manifest renamed = new Manifest(manifest.formatVersion(), manifest.schemaVersion(), name, manifest.kind(), null,
                    manifest.startedAt(), manifest.finishedAt(), manifest.coversUntil(), manifest.tables(), manifest.schemaMigration());
            Files.writeString(dir.resolve("manifest.json"), JSON.toJson(renamed), StandardCharsets.UTF_8);
            Backup backup = new Backup(name, -1, manifest.startedAt());
            backup.completed(clock.instant(), renamed.totalRows(), renamed.totalBytes(), TableFiles.sha256(dir.resolve("manifest.json")));
            em.persist(backup);
            return backup;
        } catch (InvalidBackup | java.io.IOException | jakarta.json.bind.JsonbException | UncheckedIOException e) {
            deleteFiles(dir);
            if (e instanceof InvalidBackup invalid) {
                throw invalid;
            }
            throw new InvalidBackup("the archive could not be read: " + e.getMessage());
        }
    }

    /** A backup archive that cannot be taken in: a 400 for the client. */
    public static class InvalidBackup extends com.aiaops.shared.InvalidRequestException {
        public InvalidBackup(String message) {
            super("invalid-backup", message);
        }
    }

    private static void deleteFiles(Path dir) {
        try (var files = Files.exists(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Records a chunk's progress in the chunk's own transaction (MANDATORY: it must commit with the files' checkpoint). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void progress(String backupName, int table, String tableName, List<String> lastKey, long fileLength) {
        BackupProgress progress = em.find(BackupProgress.class, backupName);
        if (progress == null) {
            progress = new BackupProgress(backupName);
            progress.moveTo(table, tableName, lastKey, fileLength);
            em.persist(progress);
        } else {
            progress.moveTo(table, tableName, lastKey, fileLength);
        }
    }

    @Transactional
    public Optional<BackupProgress> progress(String backupName) {
        return Optional.ofNullable(em.find(BackupProgress.class, backupName));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(RestoreDrill drill) {
        em.persist(drill);
    }

    public Instant now() {
        return clock.instant();
    }
}
