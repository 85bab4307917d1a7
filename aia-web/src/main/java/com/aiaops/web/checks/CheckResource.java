package com.aiaops.web.checks;

import com.aiaops.checks.Check;
import com.aiaops.checks.CheckResult;
import com.aiaops.checks.CheckRun;
import com.aiaops.checks.CheckService;
import com.aiaops.checks.CheckKind;
import com.aiaops.checks.CheckStatus;
import com.aiaops.shared.Ids;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.access.Caller;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Synthetic checks of the caller's organisation: HTTP (status, keyword, JSON value), TCP port, TLS certificate, heartbeat. */
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

    @Inject
    KeptAnswers keptAnswers;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    public record DefineCheckRequest(
            @NotNull UUID serviceId,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @Size(max = 2000) String url,
            @NotNull @Min(CheckService.MIN_INTERVAL_SECONDS) @Max(CheckService.MAX_INTERVAL_SECONDS) Integer intervalSeconds,
            @Min(100) @Max(60_000) Integer timeoutMs,
            @Min(100) @Max(599) Integer expectedStatus,
            @Min(0) @Max(5) Integer retries,
            Boolean enabled,
            CheckKind kind,
            @Size(min = 1, max = 200) String bodyContains,
            @Size(min = 2, max = 200) String jsonPath,
            @Size(max = 200) String jsonExpected,
            @Min(0) @Max(365) Integer tlsMinDays,
            Boolean tlsVerify,
            @Min(0) @Max(86_400) Integer graceSeconds) {
    }

    public record CheckView(UUID id, UUID serviceId, String name, CheckKind kind, String url, int intervalSeconds, int timeoutMs,
                            int expectedStatus, int retries, boolean enabled, CheckStatus status, int consecutiveFailures,
                            Instant lastRunAt, Double lastLatencyMs, String lastError, Instant nextRunAt,
                            String bodyContains, String jsonPath, String jsonExpected, Integer tlsMinDays, boolean tlsVerify,
                            Instant tlsExpiresAt, Integer graceSeconds, Instant lastBeatAt, String heartbeatUrl) {
        static CheckView of(Check c) {
            return of(c, null);
        }

        /**
         * The last instant a check's view stays true while the check does not change: an enabled check's next run is moved
         * on by a claim (a bulk update, which renews nothing) once it is due, so only until then; the run's result then
         * changes the check itself.
         */
        static Instant holdsUntil(Check c) {
            return c.enabled() && c.nextRunAt() != null ? c.nextRunAt().minusNanos(1) : Instant.MAX;
        }

        /** With a heartbeat's beat address, which holds its secret: only in the answer that defines the check. */
        static CheckView of(Check c, String heartbeatUrl) {
            Check.Options o = c.options();
            return new CheckView(c.id(), c.serviceId(), c.name(), c.kind(), c.url(), c.intervalSeconds(), c.timeoutMillis(),
                    c.expectedStatus(), c.retries(), c.enabled(), c.status(), c.consecutiveFailures(), c.lastRunAt(),
                    c.lastLatencyMillis(), c.lastError(), c.nextRunAt(), o.bodyContains(), o.jsonPath(), o.jsonExpected(),
                    o.tlsMinDays(), o.tlsVerify(), c.tlsExpiresAt(), o.graceSeconds(), c.lastBeatAt(), heartbeatUrl);
        }
    }


    public record ResultView(Instant at, boolean up, Integer httpStatus, Double latencyMs, int attempts, String error) {
        static ResultView of(CheckResult r) {
            return new ResultView(r.runAt(), r.up(), r.httpStatus(), r.latencyMillis(), r.attempts(), r.error());
        }
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Define a check (interval 10 s to 1 h; internal addresses are refused); enabled=false defines it paused "
            + "(run it with POST /checks/{id}/runs). kind HTTP (default): url http(s), expectedStatus, and optionally bodyContains "
            + "or jsonPath ($.a.b[0]) with jsonExpected. TCP: url tcp://host:port. TLS: url https://host[:port], down when the "
            + "certificate expires in fewer than tlsMinDays (default 14) or fails verification (tlsVerify, default true). "
            + "HEARTBEAT: no url; the answer's heartbeatUrl (shown once) is to be called (GET or POST) at least every "
            + "intervalSeconds, graceSeconds late at most")
    public Response define(@Valid @NotNull DefineCheckRequest body) {
        Check.Options options = new Check.Options(body.kind() == null ? CheckKind.HTTP : body.kind(), body.bodyContains(),
                body.jsonPath(), body.jsonExpected(), body.tlsMinDays(), body.tlsVerify() == null || body.tlsVerify(),
                body.graceSeconds());
        CheckService.Defined defined = checks.define(caller.get(), body.serviceId(), body.name(), body.url(), body.intervalSeconds(),
                body.timeoutMs() == null ? 5_000 : body.timeoutMs(), body.expectedStatus() == null ? 200 : body.expectedStatus(),
                body.retries() == null ? 0 : body.retries(), body.enabled() == null || body.enabled(), options);
        Check check = defined.check();
        String beatUrl = defined.heartbeatToken() == null ? null
                : uri.getBaseUriBuilder().path("heartbeats").path(defined.heartbeatToken()).build().toString();
        return Response.created(URI.create("checks/" + check.id())).entity(CheckView.of(check, beatUrl)).build();
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
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID checkId = Ids.parse(id, "check");
        return keptAnswers.one(who, Check.class, checkId, clock.instant(), () -> {
            Check check = checks.get(who, checkId);
            return new KeptAnswers.One(CheckView.of(check), null, CheckView.holdsUntil(check));
        });
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
    @Path("uptime")
    @Access(Role.VIEWER)
    @Operation(summary = "Every check's up runs / all runs over [from, to) (default: the last 24 hours), of one service when serviceId "
            + "is given: one request for a page of checks")
    public Map<String, List<CheckService.CheckUptime>> uptimes(@QueryParam("serviceId") String serviceId, @QueryParam("from") String from,
                                                             @QueryParam("to") String to) {
        Instant end = TimeParameters.instant("to", to, clock.instant());
        Instant start = TimeParameters.instant("from", from, end.minus(Duration.ofHours(24)));
        return Map.of("items", checks.uptimes(caller.get(), com.aiaops.web.platform.QueryParameters.optionalId("serviceId", serviceId), start, end));
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
