package com.aiaops.web.oncall;

import com.aiaops.access.Caller;
import com.aiaops.oncall.EscalationPlan;
import com.aiaops.oncall.EscalationPolicy;
import com.aiaops.oncall.EscalationService;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.TimeParameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Escalation policies: ordered steps with delays and targets (people or schedules), repeated. */
@Path("escalation-policies")
@Tag(name = "On-call")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EscalationPolicyResource {
    @Inject
    EscalationService escalation;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    public record TargetRequest(@NotNull EscalationPlan.TargetType type, @NotNull UUID id) {
    }

    public record StepRequest(@NotNull @Min(1) @Max(1440) Integer delayMinutes, @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid TargetRequest> targets) {
    }

    public record DefineRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid StepRequest> steps,
            @Min(0) @Max(9) Integer repeats) {
    }

    public record PolicyView(UUID id, String name, int repeats, List<StepView> steps) {
        static PolicyView of(EscalationPolicy p) {
            EscalationPlan plan = p.plan();
            return new PolicyView(p.id(), p.name(), plan.repeats(),
                    plan.steps().stream().map(s -> new StepView(s.delay().toMinutes(), s.targets())).toList());
        }
    }

    public record StepView(long delayMinutes, List<EscalationPlan.Target> targets) {
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Define a policy: each step pages its targets and waits delayMinutes before the next; repeated 'repeats' more times")
    public Response define(@Valid @NotNull DefineRequest body) {
        EscalationPlan plan;
        try {
            plan = new EscalationPlan(body.steps().stream().map(s -> new EscalationPlan.Step(Duration.ofMinutes(s.delayMinutes()),
                    s.targets().stream().map(t -> new EscalationPlan.Target(t.type(), t.id())).toList())).toList(),
                    body.repeats() == null ? 0 : body.repeats());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("validation-failed", e.getMessage());
        }
        EscalationPolicy policy = escalation.define(caller.get(), body.name(), plan);
        return Response.created(URI.create("escalation-policies/" + policy.id())).entity(PolicyView.of(policy)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Escalation policies by name")
    public Map<String, List<PolicyView>> list() {
        Caller who = caller.get();
        return keptAnswers.map(who, EscalationPolicy.class, "escalation-policies",
                () -> Map.of("items", escalation.list(who).stream().map(PolicyView::of).toList()));
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One escalation policy")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyView.class)))
    public Response get(@PathParam("id") String id) {
        return keptAnswers.one(caller.get(), EscalationPolicy.class, id, "escalation policy", (who, policyId) -> PolicyView.of(escalation.get(who, policyId)));
    }

    @GET
    @Path("{id}/paging")
    @Access(Role.VIEWER)
    @Operation(summary = "Who an incident triggered at 'triggeredAt' and unacknowledged at 'at' (default now) is paging")
    public EscalationService.Paging paging(@PathParam("id") String id, @QueryParam("triggeredAt") String triggeredAt,
                                           @QueryParam("at") String at) {
        Instant now = clock.instant();
        Instant when = TimeParameters.instant("at", at, now);
        Instant triggered = TimeParameters.instant("triggeredAt", triggeredAt, when);
        if (triggered.isAfter(when)) {
            throw new InvalidRequestException("invalid-parameter", "triggeredAt must not be after at",
                    List.of(new InvalidRequestException.Violation("triggeredAt", "after 'at'")));
        }
        return escalation.paging(caller.get(), Ids.parse(id, "escalation policy"), triggered, when);
    }
}
