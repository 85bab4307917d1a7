package com.aiaops.web.telemetry;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.telemetry.IngestReceipt;
import com.aiaops.telemetry.MinuteAggregate;
import com.aiaops.telemetry.Observation;
import com.aiaops.telemetry.TelemetryIngest;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Telemetry ingestion. The answer comes once the batch is committed: an acknowledged batch is never lost. */
@Path("telemetry")
@Tag(name = "Telemetry")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryResource {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    TelemetryIngest ingest;

    @Inject
    CurrentCaller caller;

    @Inject
    com.aiaops.prometheus.PlatformMetrics metrics;

    // The items' bounds are declared on Observation and MinuteAggregate (and so published) but checked by the ingest
    // itself, together with what only it can check (the service, the time), so that one refusal names every bad item.
    public record ObservationBatch(@NotNull @Size(min = 1, max = TelemetryIngest.MAX_BATCH) List<Observation> observations) {
    }

    public record MinuteBatch(@NotNull @Size(min = 1, max = TelemetryIngest.MAX_BATCH) List<MinuteAggregate> minutes) {
    }

    @POST
    @Path("observations")
    @Access({Role.INGEST, Role.OPERATOR})
    @Operation(summary = "Ingest a batch of request observations (at most 10,000); retry safely with the same Idempotency-Key, "
            + "also after a 503 ingest-busy (its Retry-After)")
    public IngestReceipt observations(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                      @jakarta.validation.Valid @NotNull ObservationBatch batch) {
        checkIdempotencyKey(idempotencyKey);
        return counted(ingest.ingest(caller.get(), idempotencyKey, batch.observations()), "observations");
    }

    @POST
    @Path("minutes")
    @Access({Role.INGEST, Role.OPERATOR})
    @Operation(summary = "Ingest pre-aggregated minutes (totals, good, requests per latency value); same guarantees as observations")
    public IngestReceipt minutes(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @jakarta.validation.Valid @NotNull MinuteBatch batch) {
        checkIdempotencyKey(idempotencyKey);
        return counted(ingest.ingestMinutes(caller.get(), idempotencyKey, batch.minutes()), "minutes");
    }

    private static void checkIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException("invalid-idempotency-key",
                    "Idempotency-Key must be 1 to 128 letters, digits or . _ : -");
        }
    }

    private IngestReceipt counted(IngestReceipt receipt, String kind) {
        String result = receipt.duplicate() ? "duplicate" : "accepted";
        metrics.telemetryReceived(kind, result, receipt.accepted());
        return receipt;
    }
}
