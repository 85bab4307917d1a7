package com.aiaops.web.capacity;

import com.aiaops.capacity.CapacityService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Per-minute utilisation of services, sent by agents like telemetry. */
@Path("capacity/utilization")
@Tag(name = "Capacity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UtilizationResource {
    @Inject
    CapacityService capacity;

    @Inject
    CurrentCaller caller;

    public record SampleInput(@NotBlank @Size(max = 63) String service, @NotNull Instant minute,
                              @NotNull @Min(0) @Max(100) Double cpuPercent, @NotNull @Min(0) @Max(100) Double memoryPercent,
                              @NotNull @Min(0) @jakarta.validation.constraints.Max(1_000_000) Integer instances) {
    }

    public record Batch(@NotNull @Size(min = 1, max = 10_000) List<@NotNull @Valid SampleInput> samples) {
    }

    @POST
    @Access({Role.INGEST, Role.OPERATOR})
    @Operation(summary = "Utilisation per service and minute (averages over instances; at most 7 days old). All or nothing; a "
            + "minute sent again replaces the earlier value, so retries are harmless")
    public CapacityService.Receipt ingest(@Valid @NotNull Batch body) {
        return capacity.ingest(caller.get(), body.samples().stream().map(s -> new CapacityService.Sample(s.service(), s.minute(),
                s.cpuPercent(), s.memoryPercent(), s.instances())).toList());
    }
}
