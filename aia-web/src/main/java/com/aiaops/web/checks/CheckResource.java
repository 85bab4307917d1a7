package com.aiaops.web.checks;

import com.aiaops.checks.Check;
import com.aiaops.checks.CheckResult;
import com.aiaops.checks.CheckRun;
import com.aiaops.checks.CheckService;
import com.aiaops.checks.CheckStatus;
import com.aiaops.shared.Ids;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
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
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Synthetic HTTP checks of the caller's organisation. */
@Path("checks")
@Tag(name = "Synthetic checks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CheckResource {
    @Inject
    CheckService checks;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    public record DefineCheckRequest(
            @NotNull UUID serviceId,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @NotBlank @Size(max = 2000) String url,
            @NotNull @Min(CheckService.MIN_INTERVAL_SECONDS) @Max(CheckService.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
            @Min(100) @Max(60_000) Integer timeoutMs,
            @Min(100) @Max(599) Integer expectedStatus,
            @Min(0) @Max(5) Integer retries,
            Boolean enabled) {
    }

    public record CheckView(UUID id, UUID serviceId, String name, String url, int intervalSeconds, int timeoutMs,
                            int expectedStatus, int retries, boolean enabled, CheckStatus status, int consecutiveFailures,
                            Instant lastRunAt, Double lastLatencyMs, String lastError, Instant nextRunAt) {
        static CheckView of(Check c) {
            return new CheckView(c.id(), c.serviceId(), c.name(), c.url(), c.intervalSeconds(), c.timeoutMillis(),
                    c.expectedStatus(), c.retries(), c.enabled(), c.status(), c.consecutiveFailures(), c.lastRunAt(),
                    c.lastLatencyMillis(), c.lastError(), c.nextRunAt());
        }
    }

    public record ResultView(Instant at, boolean up, Integer httpStatus, Double latencyMs, int attempts, String error) {
        static ResultView of(CheckResult r) {
            return new ResultView(r.runAt(), r.up(), r.httpStatus(), r.latencyMillis(), r.attempts(), r.error());
        }
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Define an HTTP check (interval 10 s to 1 h; internal addresses are refused); "
            + "enabled=false defines it paused (run it with POST /checks/{id}/runs)")
    public Response define(@Valid @NotNull DefineCheckRequest body) {
        Check check = checks.define(caller.get(), body.serviceId(), body.name(), body.url(), body.intervalSeconds(),
                body.timeoutMs() == null ? 5_000 : body.timeoutMs(), body.expectedStatus() == null ? 200 : body.expectedStatus(),
                body.retries() == null ? 0 : body.retries(), body.enabled() == null || body.enabled());
        return Response.created(URI.create("checks/" + check.id())).entity(CheckView.of(check)).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Checks by name, in pages")
    public Page<CheckView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return checks.list(caller.get(), PageRequest.of(cursor, limit)).map(CheckView::of);
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One check and its current state")
    public CheckView get(@PathParam("id") String id) {
        return CheckView.of(checks.get(caller.get(), Ids.parse(id, "check")));
    }

    @DELETE
    @Path("{id}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Delete a check and its history")
    public Response delete(@PathParam("id") String id) {
        checks.delete(caller.get(), Ids.parse(id, "check"));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/runs")
    @Access(Role.OPERATOR)
    @Operation(summary = "Run the check now; the run is recorded like a scheduled one")
    public CheckRun run(@PathParam("id") String id) {
        return checks.runNow(caller.get(), Ids.parse(id, "check"));
    }

    @POST
    @Path("{id}/pause")
    @Access(Role.OPERATOR)
    @Operation(summary = "Stop scheduling the check")
    public CheckView pause(@PathParam("id") String id) {
        return CheckView.of(checks.setEnabled(caller.get(), Ids.parse(id, "check"), false));
    }

    @POST
    @Path("{id}/resume")
    @Access(Role.OPERATOR)
    @Operation(summary = "Schedule the check again, starting now")
    public CheckView resume(@PathParam("id") String id) {
        return CheckView.of(checks.setEnabled(caller.get(), Ids.parse(id, "check"), true));
    }

    @GET
    @Path("{id}/uptime")
    @Access(Role.VIEWER)
    @Operation(summary = "Up runs / all runs over [from, to) (default: the last 24 hours)")
    public CheckService.Uptime uptime(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofHours(24)));
        return checks.uptime(caller.get(), Ids.parse(id, "check"), start, end);
    }

    @GET
    @Path("{id}/results")
    @Access(Role.VIEWER)
    @Operation(summary = "Recent runs, newest first (default: the last 24 hours, at most 500)")
    public Map<String, List<ResultView>> results(@PathParam("id") String id, @QueryParam("from") String from,
                                                 @QueryParam("to") String to) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofHours(24)));
        return Map.of("items", checks.results(caller.get(), Ids.parse(id, "check"), start, end, 500).stream()
                .map(ResultView::of).toList());
    }
}
