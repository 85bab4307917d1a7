package com.aiaops.web.security;

import com.aiaops.security.Finding;
import com.aiaops.security.FindingSeverity;
import com.aiaops.security.FixSlaPolicy;
import com.aiaops.security.SecurityFindings;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.access.Caller;
import com.aiaops.web.platform.QueryParameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Vulnerability findings from scan reports, their summary and the fix SLAs. */
@Path("security")
@Tag(name = "Security findings")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityFindingResource {
    @Inject
    SecurityFindings findings;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    public record FindingView(UUID id, UUID serviceId, String vulnerabilityId, String packageName, String target, String installedVersion,
                              String fixedVersion, FindingSeverity severity, String title, Instant firstSeenAt, Instant lastSeenAt,
                              Instant dueAt, Instant fixedAt, boolean overdue) {
        static FindingView of(Finding f, Instant now) {
            return new FindingView(f.id(), f.serviceId(), f.vulnerabilityId(), f.packageName(), f.target(), f.installedVersion(),
                    f.fixedVersion(), f.severity(), f.title(), f.firstSeenAt(), f.lastSeenAt(), f.dueAt(), f.fixedAt(), f.overdue(now));
        }
    }

    public record FixSlaView(Duration critical, Duration high, Duration medium, Duration low) {
        static FixSlaView of(FixSlaPolicy p) {
            return new FixSlaView(p.fixWithin(FindingSeverity.CRITICAL), p.fixWithin(FindingSeverity.HIGH), p.fixWithin(FindingSeverity.MEDIUM),
                    p.fixWithin(FindingSeverity.LOW));
        }
    }

    public record FixSlaRequest(@NotNull Duration critical, @NotNull Duration high, @NotNull Duration medium, @NotNull Duration low) {
    }

    @GET
    @Path("findings")
    @Access(Role.VIEWER)
    @Operation(summary = "Findings soonest due first (at most 1000): by serviceId, severity, state=open (default), all, or overdue")
    public Map<String, List<FindingView>> list(@QueryParam("serviceId") String serviceId, @QueryParam("severity") String severity,
                                               @QueryParam("state") String state) {
        FindingSeverity wanted = QueryParameters.oneOf("severity", severity, FindingSeverity.class, null);
        String which = state == null || state.isBlank() ? "open" : state.trim().toLowerCase(Locale.ROOT);
        if (!List.of("open", "all", "overdue").contains(which)) {
            throw InvalidRequestException.ofField("invalid-parameter", "state", "open, all or overdue");
        }
        SecurityFindings.Listed listed = SecurityFindings.Listed.valueOf(which.toUpperCase(Locale.ROOT));
        UUID service = QueryParameters.optionalId("serviceId", serviceId);
        Caller who = caller.get();
        // Kept until a finding changes or, as time passes, a listed finding's overdue flag (or the overdue list) would.
        return keptAnswers.mapUntil(who, Finding.class, "findings|" + service + "|" + wanted + "|" + listed, clock.instant(), () -> {
            SecurityFindings.Listing listing = findings.findings(who, service, wanted, listed, 1000);
            return new KeptAnswers.TrueUntil<>(Map.of("items", listing.findings().stream().map(f -> FindingView.of(f, listing.now())).toList()),
                    listing.holdsUntil());
        });
    }

    @GET
    @Path("summary")
    @Access(Role.VIEWER)
    @Operation(summary = "Open findings by severity, overdue count and patch compliance (share fixed within the fix SLA), "
            + "for the organisation or one serviceId; evaluatedAt: when it was counted (the organisation's summary is counted again "
            + "once a finding changes or the next open one turns overdue)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecurityFindings.Summary.class)))
    public Response summary(@QueryParam("serviceId") String serviceId) {
        UUID service = QueryParameters.optionalId("serviceId", serviceId);
        Caller who = caller.get();
        if (service != null) {
            // Not kept: whether the service still exists is not a finding's change.
            return Response.ok(findings.summary(who, service).summary()).build();
        }
        return keptAnswers.aboutUntil(who, Finding.class, "findings-summary", clock.instant(), () -> {
            SecurityFindings.HeldSummary held = findings.summary(who, null);
            return new KeptAnswers.TrueUntil<>(held.summary(), held.holdsUntil());
        });
    }

    @GET
    @Path("fix-slas")
    @Access(Role.VIEWER)
    @Operation(summary = "How soon findings must be fixed, per severity (defaults: critical 24 h, high 7 d, medium 30 d, low 90 d)")
    public FixSlaView fixSlas() {
        return FixSlaView.of(findings.policy(caller.get()));
    }

    @PUT
    @Path("fix-slas")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    @Operation(summary = "Change the fix SLAs (ISO-8601 durations); open findings keep their fix-by dates")
    public FixSlaView setFixSlas(@Valid @NotNull FixSlaRequest body) {
        return FixSlaView.of(findings.setPolicy(caller.get(), body.critical(), body.high(), body.medium(), body.low()));
    }
}
