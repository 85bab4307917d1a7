package com.aiaops.web.capacity;

import com.aiaops.capacity.CapacityPlan;
import com.aiaops.capacity.CapacityService;
import com.aiaops.capacity.ScalingTriggers;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A service's capacity plan (capacity, scaling triggers) and its capacity report. */
@Path("services/{id}/capacity")
@Tag(name = "Capacity")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceCapacityResource {
    @Inject
    CapacityService capacity;

    @Inject
    CurrentCaller caller;

    public record PlanRequest(@jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false) @jakarta.validation.constraints.DecimalMax("1000000000") Double capacityRps, @NotNull @Valid Triggers triggers) {
    }

    public record Triggers(@NotNull @Min(0) @Max(100) Double upCpuAbove, @NotNull @Min(0) @Max(100) Double upMemoryAbove,
                           @NotNull @Min(1) @Max(1440) Integer upMinutes, @NotNull @Min(0) @Max(100) Double downCpuBelow,
                           @NotNull @Min(0) @Max(100) Double downMemoryBelow, @NotNull @Min(1) @Max(1440) Integer downMinutes) {
    }

    public record PlanView(Double capacityRps, ScalingTriggers triggers) {
        static PlanView of(CapacityPlan p) {
            return new PlanView(p.capacityRps(), p.triggers());
        }
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Utilisation of the last 15 minutes, the scaling decision (SCALE_UP, SCALE_DOWN, HOLD, NO_DATA) with its "
            + "reasons, and the growth of the daily peak request rate over the last `days` (default 28) with days until capacity")
    public CapacityService.Report report(@PathParam("id") String id, @QueryParam("days") Integer days) {
        return capacity.report(caller.get(), Ids.parse(id, "service"), days == null ? 28 : days);
    }

    @GET
    @Path("plan")
    @Access(Role.VIEWER)
    @Operation(summary = "The capacity plan (defaults: up at CPU > 70 % or memory > 80 % for 15 min; down at CPU < 30 % and memory < 50 % for 60 min)")
    public PlanView plan(@PathParam("id") String id) {
        return PlanView.of(capacity.plan(caller.get(), Ids.parse(id, "service")));
    }

    @PUT
    @Path("plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.OPERATOR)
    @Operation(summary = "Set the service's peak capacity (requests per second) and its scaling triggers")
    public PlanView setPlan(@PathParam("id") String id, @Valid @NotNull PlanRequest body) {
        Triggers t = body.triggers();
        ScalingTriggers triggers;
        try {
            triggers = new ScalingTriggers(t.upCpuAbove(), t.upMemoryAbove(), t.upMinutes(), t.downCpuBelow(), t.downMemoryBelow(), t.downMinutes());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofField("validation-failed", "triggers", e.getMessage());
        }
        return PlanView.of(capacity.setPlan(caller.get(), Ids.parse(id, "service"), body.capacityRps(), triggers));
    }
}
