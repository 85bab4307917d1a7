package com.aiaops.web.backup;

import com.aiaops.backup.Backup;
import com.aiaops.backup.BackupStore;
import com.aiaops.backup.Manifest;
import com.aiaops.backup.RestoreDrill;
import com.aiaops.backup.RestoreDrills;
import com.aiaops.batch.BatchJobs;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.PlatformOperators;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups of the platform and their restore drills, for the platform operators. */
@Path("backups")
@Tag(name = "Backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {
    @Inject
    BackupStore store;

    @Inject
    RestoreDrills drills;

    @EJB
    BatchJobs jobs;

    @Inject
    CurrentCaller caller;

    @Inject
    PlatformOperators operators;

    public record BackupView(String name, Backup.Status status, Instant startedAt, Instant finishedAt, Long totalRows, Long totalBytes,
                             String manifestSha256) {
        static BackupView of(Backup b) {
            return new BackupView(b.name(), b.status(), b.startedAt(), b.finishedAt(), b.totalRows(), b.totalBytes(), b.manifestSha256());
        }
    }

    public record DrillView(UUID id, RestoreDrill.Kind kind, String backupName, Instant startedAt, Instant finishedAt, boolean verified, int tables, long rows,
                            long rpoSeconds, double rtoSeconds, String problems) {
        static DrillView of(RestoreDrill d) {
            return new DrillView(d.id(), d.kind(), d.backupName(), d.startedAt(), d.finishedAt(), d.verified(), d.tables(), d.rows(), d.rpoSeconds(),
                    d.rtoSeconds(), d.problems());
        }
    }

    @GET
    @Access(Role.ADMIN)
    @Operation(summary = "Backups, newest first (platform operators only)")
    public Map<String, List<BackupView>> list() {
        requireOperator();
        return Map.of("items", store.list().stream().map(BackupView::of).toList());
    }

    @POST
    @Access(Role.ADMIN)
    @Operation(summary = "Start a backup now: full (default; also daily) or ?kind=incremental (tables unchanged since the newest "
            + "backup are not stored again; also every 6 hours); chunkSize rows per checkpoint (default 1000), pauseMillis after each "
            + "chunk to throttle it; 202 with the job execution")
    public Response start(@QueryParam("kind") String kind, @QueryParam("chunkSize") Integer chunkSize,
                          @QueryParam("pauseMillis") Integer pauseMillis) {
        requireOperator();
        String job = "incremental".equalsIgnoreCase(kind) ? "incremental-backup" : "full-backup";
        Map<String, String> parameters = new HashMap<>();
        if (chunkSize != null) {
            if (chunkSize < 10 || chunkSize > 100_000) {
                throw com.aiaops.shared.InvalidRequestException.ofField("invalid-parameter", "chunkSize", "from 10 to 100000 rows");
            }
            parameters.put("chunkSize", chunkSize.toString());
        }
        if (pauseMillis != null) {
            if (pauseMillis < 0 || pauseMillis > 10_000) {
                throw com.aiaops.shared.InvalidRequestException.ofField("invalid-parameter", "pauseMillis", "from 0 to 10000");
            }
            parameters.put("pauseMillis", pauseMillis.toString());
        }
        return Response.accepted(jobs.status(jobs.start(caller.get(), job, parameters))).build();
    }

    @POST
    @Path("imports")
    @jakarta.ws.rs.Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Access(Role.ADMIN)
    @Operation(summary = "Take in a whole backup from another installation (the zip of GET /backups/{name}/archive, from H2 or "
            + "PostgreSQL): every file is checked against its manifest; it can then be drilled like any backup")
    public Response importArchive(java.io.InputStream zip) {
        requireOperator();
        Backup backup = store.importArchive(zip);
        store.imported(caller.get(), backup);
        return Response.created(java.net.URI.create("backups/" + backup.name())).entity(BackupView.of(backup)).build();
    }

    @GET
    @Path("jobs/{executionId}")
    @Access(Role.ADMIN)
    @Operation(summary = "A backup, drill or retention job execution's status")
    public BatchJobs.Status job(@PathParam("executionId") long executionId) {
        requireOperator();
        return jobs.status(executionId, java.util.Set.of("full-backup", "incremental-backup", "restore-drill", "restore", "backup-retention"), Map.of())
                .orElseThrow(() -> new NotFoundException("backup job execution", executionId));
    }

    @GET
    @Path("{name}")
    @Access(Role.ADMIN)
    @Operation(summary = "A completed backup's manifest: schema version, per table file, rows, bytes, SHA-256")
    public Manifest manifest(@PathParam("name") String name) {
        requireOperator();
        return store.manifest(completed(name).name());
    }

    @GET
    @Path("{name}/archive")
    @Produces("application/zip")
    @Access(Role.ADMIN)
    @Operation(summary = "Download a completed backup: its table files and manifest in one zip")
    public Response archive(@PathParam("name") String name) {
        requireOperator();
        Backup backup = completed(name);
        store.downloading(caller.get(), backup);
        java.nio.file.Path directory = store.directory(backup.name());
        StreamingOutput body = out -> {
            Manifest manifest = store.manifest(backup.name());
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(backup.name() + "/manifest.json"));
                Files.copy(directory.resolve("manifest.json"), zip);
                zip.closeEntry();
                for (Manifest.TableEntry table : manifest.tables()) {
                    // An incremental backup's unchanged tables are in their base's directory: the archive is whole anyway.
                    java.nio.file.Path dir = table.storedIn() == null ? directory : store.directory(table.storedIn());
                    zip.putNextEntry(new ZipEntry(backup.name() + "/" + table.file()));
                    Files.copy(dir.resolve(table.file()), zip);
                    zip.closeEntry();
                }
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + backup.name() + ".zip\"").build();
    }

    @GET
    @Path("drills")
    @Access(Role.ADMIN)
    @Operation(summary = "Restore drills (kind DRILL) and restores into this installation (kind RESTORE), newest first: verified or not, "
            + "tables and rows restored, achieved RPO and RTO")
    public Map<String, List<DrillView>> drills() {
        requireOperator();
        return Map.of("items", drills.list().stream().map(DrillView::of).toList());
    }

    @POST
    @Path("drills")
    @Access(Role.ADMIN)
    @Operation(summary = "Start a restore drill of the newest completed backup (or ?backup=<name>); 202 with the job execution")
    public Response drill(@QueryParam("backup") String backup) {
        requireOperator();
        Map<String, String> parameters = new HashMap<>();
        if (backup != null && !backup.isBlank()) {
            parameters.put("backup", completed(backup).name());
        }
        return Response.accepted(jobs.status(jobs.start(caller.get(), "restore-drill", parameters))).build();
    }

    private Backup completed(String name) {
        if (!name.matches("backup-[0-9]{1,18}")) {
            throw new NotFoundException("backup", name);
        }
        return store.find(name).filter(b -> b.status() == Backup.Status.COMPLETED).orElseThrow(() -> new NotFoundException("backup", name));
    }

    /** Backups hold every organisation's data: only the operators' organisation may see them; to others they do not exist. */
    private void requireOperator() {
        operators.require("backups");
    }
}
