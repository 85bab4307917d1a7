package com.aiaops.web.scorecard;

import com.aiaops.scorecard.ScorecardService;
import com.aiaops.scorecard.ScorecardTargets;
import com.aiaops.telemetry.QueryCache;
import com.aiaops.access.Caller;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.QueryParameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The five-pillar scorecard. */
@Path("scorecard")
@Tag(name = "Scorecard")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {
    @Inject
    ScorecardService scorecards;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    @Inject
    Clock clock;

    public record TargetsRequest(@NotNull @DecimalMin("0") @DecimalMax("100") Double uptimePercent, @NotNull @DecimalMin("0") @DecimalMax("3600000") Double p95Ms,
                                 @NotNull @DecimalMin("0") @DecimalMax("100") Double errorRatePercent, @NotNull @Min(0) @jakarta.validation.constraints.Max(1_000_000) Integer criticalFindings) {
    }

    public record TargetsView(double uptimePercent, double p95Ms, double errorRatePercent, int criticalFindings) {
        static TargetsView of(ScorecardTargets t) {
            return new TargetsView(t.uptimePercent(), t.p95Ms(), t.errorRatePercent(), t.criticalFindings());
        }
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Scorecards of the organisation (or one serviceId) for this month and the `months` before it (default 1, "
            + "at most 24), newest first: reliability, performance, quality, security and cost against their targets "
            + "(EXCEEDING, MET, BELOW, NO_DATA), and a grade (A+ to F)")
    public Map<String, List<ScorecardService.Scorecard>> scorecard(@QueryParam("serviceId") String serviceId, @QueryParam("months") Integer months) {
        Caller who = caller.get();
        UUID service = QueryParameters.optionalId("serviceId", serviceId);
        int count = months == null ? 1 : months;
        // Kept on this node for the rest of the minute, under the generations of everything a card reads; a read that
        // fails (another organisation's service, months out of bounds) keeps nothing.
        Instant now = clock.instant();
        List<ScorecardService.Scorecard> cards = keptAnswers.heldAboutSets(who, ScorecardService.READS, "scorecard|" + service + "|" + count, now,
                () -> new KeptAnswers.TrueUntil<>(scorecards.history(who, service, count), QueryCache.heldToMinuteEnd(now)));
        return Map.of("items", cards.stream().map(card -> card.at(now)).toList());
    }

    @GET
    @Path("targets")
    @Access(Role.VIEWER)
    @Operation(summary = "The targets (defaults: 99.9 % uptime, p95 < 200 ms, errors < 1 %, 0 critical findings); services are held to their tier's SLA")
    public TargetsView targets() {
        return TargetsView.of(scorecards.targets(caller.get()));
    }

    @PUT
    @Path("targets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    @Operation(summary = "Change the organisation's targets")
    public TargetsView setTargets(@Valid @NotNull TargetsRequest body) {
        return TargetsView.of(scorecards.setTargets(caller.get(), body.uptimePercent(), body.p95Ms(), body.errorRatePercent(),
                body.criticalFindings()));
    }
}
