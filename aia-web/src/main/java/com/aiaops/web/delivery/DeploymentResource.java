package com.aiaops.web.delivery;

import com.aiaops.delivery.ChangeKind;
import com.aiaops.delivery.Commit;
import com.aiaops.delivery.Deployment;
import com.aiaops.delivery.DeploymentService;
import com.aiaops.shared.Ids;
import com.aiaops.shared.PageRequest;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deployments reported by pipelines. */
@Path("deployments")
@Tag(name = "Delivery")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {
    @Inject
    DeploymentService deployments;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    public record CommitInput(@NotBlank @Pattern(regexp = "[0-9a-fA-F]{7,64}", message = "a commit id in hex, 7 to 64 digits") String sha,
                              @NotNull Instant committedAt) {
    }

    public record RecordRequest(@NotNull UUID serviceId, @NotBlank @Size(max = 100) String version,
                                @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "lowercase, e.g. production or staging") String environment,
                                @Size(max = 1000) List<@NotNull @Valid CommitInput> commits, @NotNull Instant startedAt,
                                @NotNull Instant finishedAt, @NotNull Deployment.Result result, UUID rollbackOf, ChangeKind changeKind,
                                @Size(min = 3, max = 500) String freezeOverrideReason) {
    }

    public record DeploymentView(UUID id, UUID serviceId, String version, String environment, List<CommitInput> commits,
                                 Instant firstCommitAt, Instant startedAt, Instant finishedAt, Deployment.Result result, UUID rollbackOf,
                                 ChangeKind changeKind, String freezeOverrideReason, Instant recordedAt) {
        static DeploymentView of(Deployment d) {
            return new DeploymentView(d.id(), d.serviceId(), d.version(), d.environment(),
                    d.commits().stream().map(c -> new CommitInput(c.sha(), c.committedAt())).toList(), d.firstCommitAt(), d.startedAt(),
                    d.finishedAt(), d.result(), d.rollbackOf(), d.changeKind(), d.freezeOverrideReason(), d.recordedAt());
        }
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Record a deployment. To production, a service whose error budget is spent is refused (409 "
            + "error-budget-exhausted) unless changeKind is P0_FIX or SECURITY_FIX, or an ADMIN gives a freezeOverrideReason; both audited")
    public Response record(@Valid @NotNull RecordRequest body) {
        Deployment d = deployments.record(caller.get(), new DeploymentService.Report(body.serviceId(), body.version(), body.environment(),
                body.commits() == null ? List.of() : body.commits().stream().map(c -> new Commit(c.sha(), c.committedAt())).toList(),
                body.startedAt(), body.finishedAt(), body.result(), body.rollbackOf(),
                body.changeKind() == null ? ChangeKind.NORMAL : body.changeKind(), body.freezeOverrideReason()));
        return Response.created(URI.create("deployments/" + d.id())).entity(DeploymentView.of(d)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Deployments in the order they were recorded (order=newest: the latest first), in pages")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeploymentViewPage.class)))
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                         @QueryParam("order") @Pattern(regexp = "oldest|newest") String order) {
        Caller who = caller.get();
        PageRequest page = PageRequest.of(cursor, limit, order);
        return keptAnswers.about(who, Deployment.class, KeptAnswers.pageQuestion("deployments", page),
                () -> deployments.list(who, page).map(DeploymentView::of));
    }

    @Schema(name = "PageDeploymentView")
    public record DeploymentViewPage(List<DeploymentView> items, String nextCursor) {
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One deployment")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeploymentView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID deploymentId = Ids.parse(id, "deployment");
        return keptAnswers.one(who, Deployment.class, deploymentId,
                () -> KeptAnswers.One.of(DeploymentView.of(deployments.get(who, deploymentId))));
    }
}
