package com.aiaops.web.slo;

import com.aiaops.access.Caller;

import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.slo.BudgetingMethod;
import com.aiaops.slo.BurnRateRule;
import com.aiaops.slo.Indicator;
import com.aiaops.slo.Slo;
import com.aiaops.slo.SloDuration;
import com.aiaops.slo.SloRef;
import com.aiaops.slo.SloService;
import com.aiaops.slo.SloSpec;
import com.aiaops.slo.SloStatus;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.RecordAnswers;
import com.aiaops.web.platform.Versions;
import com.aiaops.web.platform.WrittenViews;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SLOs of the caller's organisation, and their status. */
@Path("slos")
@Tag(name = "SLOs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SloResource {
    private static final String SLO_VIEW = "slo";

    @Inject
    SloService slos;

    @Inject
    CurrentCaller caller;

    @Inject
    KeptAnswers keptAnswers;

    /** OpenSLO durations: a whole number and a unit (m h d w M Q Y). */
    static final String DURATION = "[1-9][0-9]{0,5}[mhdwMQY]";

    public record BurnRateRuleRequest(@NotBlank @Pattern(regexp = DURATION, message = "an OpenSLO duration such as 5m, 1h or 3d") String longWindow,
                                      @NotBlank @Pattern(regexp = DURATION, message = "an OpenSLO duration such as 5m, 1h or 3d") String shortWindow,
                                      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000") Double factor,
                                      @NotNull BurnRateRule.Severity severity) {
    }

    public record DefineSloRequest(
            @NotNull UUID serviceId,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @Size(max = 200) String displayName,
            @NotNull Indicator indicator,
            @Min(1) @Max(3_600_000) Integer latencyThresholdMs,
            @Schema(description = "true: good if latency < latencyThresholdMs (OpenSLO op lt; gt when good above); false or absent: good if ≤ (op lte; gte when good above)")
            Boolean latencyThresholdStrict,
            @Schema(description = "true: good if the request takes longer than the threshold (OpenSLO op gt or gte); false or absent: shorter (lt or lte)")
            Boolean latencyGoodAbove,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double target,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "100", inclusive = false) Double targetPercent,
            @NotBlank @Pattern(regexp = DURATION, message = "an OpenSLO duration such as 28d, 4w, 1M or 1Q") String window,
            Boolean rolling,
            LocalDateTime calendarStart,
            @Size(max = 64) String timeZone,
            BudgetingMethod budgetingMethod,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double timeSliceTarget,
            @Pattern(regexp = DURATION, message = "an OpenSLO duration such as 1m or 5m") String timeSliceWindow,
            @Min(0) @Max(com.aiaops.slo.SloSpec.MAX_MINIMUM_EVENTS) Long minimumEvents,
            @Size(max = 10) List<@NotNull @Valid BurnRateRuleRequest> burnRateRules) {
    }

    public record SloView(UUID id, UUID serviceId, String name, String displayName, Indicator indicator,
                          Integer latencyThresholdMs, boolean latencyThresholdStrict, boolean latencyGoodAbove, double target, String window, boolean rolling,
                          LocalDateTime calendarStart, String timeZone, BudgetingMethod budgetingMethod,
                          Double timeSliceTarget, Long timeSliceMinutes, long minimumEvents,
                          List<BurnRateRuleView> burnRateRules, long version) {
        static SloView of(Slo slo) {
            SloSpec spec = slo.spec();
            return new SloView(slo.id(), slo.serviceId(), slo.name(), slo.displayName(), slo.indicator(),
                    slo.latencyThresholdMillis(), slo.latencyThresholdStrict(), slo.latencyGoodAbove(), spec.target(), spec.window().duration().toString(), spec.window().rolling(),
                    spec.window().calendarStart(), spec.window().timeZone() == null ? null : spec.window().timeZone().getId(),
                    spec.method(), spec.timeSliceTarget(),
                    spec.timeSliceWindow() == null ? null : spec.timeSliceWindow().toMinutes(), spec.minimumEvents(),
                    spec.rules().stream().map(BurnRateRuleView::of).toList(), slo.version());
        }
    }

    public record BurnRateRuleView(long longWindowMinutes, long shortWindowMinutes, double factor, BurnRateRule.Severity severity) {
        static BurnRateRuleView of(BurnRateRule r) {
            return new BurnRateRuleView(r.longWindow().toMinutes(), r.shortWindow().toMinutes(), r.factor(), r.severity());
        }
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Define an SLO (availability or latency; Occurrences or Timeslices; rolling or calendar window)")
    public Response define(@Valid @NotNull DefineSloRequest body) {
        if ((body.target() == null) == (body.targetPercent() == null)) {
            throw new InvalidRequestException("validation-failed", "Give either target (e.g. 0.999) or targetPercent (e.g. 99.9)",
                    List.of(new InvalidRequestException.Violation("target", "exactly one of target and targetPercent")));
        }
        double target = body.target() != null ? body.target()
                : java.math.BigDecimal.valueOf(body.targetPercent()).movePointLeft(2).doubleValue(); // 99.9 -> 0.999 exactly
        List<BurnRateRule> rules = body.burnRateRules() == null ? null : body.burnRateRules().stream().map(SloResource::rule).toList();
        Slo slo = slos.define(caller.get(), new SloService.Definition(body.serviceId(), body.name(), body.displayName(),
                body.indicator(), body.latencyThresholdMs(), Boolean.TRUE.equals(body.latencyThresholdStrict()),
                Boolean.TRUE.equals(body.latencyGoodAbove()), target, body.window(), body.rolling() == null || body.rolling(),
                body.calendarStart(), body.timeZone(),
                body.budgetingMethod() == null ? BudgetingMethod.OCCURRENCES : body.budgetingMethod(),
                body.timeSliceTarget(), body.timeSliceWindow(), body.minimumEvents() == null ? 0 : body.minimumEvents(), rules));
        return Response.created(URI.create("slos/" + slo.id())).entity(SloView.of(slo)).tag(Versions.etag(slo.version())).build();
    }

    private static BurnRateRule rule(BurnRateRuleRequest r) {
        try {
            return new BurnRateRule(SloDuration.parse(r.longWindow()).fixedLength(), SloDuration.parse(r.shortWindow()).fixedLength(),
                    r.factor(), r.severity());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidRequestException("validation-failed", "Invalid burn-rate rule: " + e.getMessage(),
                    List.of(new InvalidRequestException.Violation("burnRateRules", e.getMessage())));
        }
    }

    /** What {@link #list} answers, written from each SLO version's kept view; its schema is the page's. */
    @Schema(name = "PageSloView")
    public record SloViewPage(List<SloView> items, String nextCursor) {
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "SLOs by name, in pages")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SloViewPage.class)))
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Caller who = caller.get();
        Page<SloRef> page = slos.listRefs(who, PageRequest.of(cursor, limit));
        Map<UUID, String> views = writtenViews(who, page.items());
        return Response.ok(RecordAnswers.writtenPage(page.items().stream().map(ref -> views.get(ref.id())).filter(Objects::nonNull)
                .map(List::of).toList(), page.nextCursor()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The kept view texts of these SLO versions by id, the SLOs not kept read together; one deleted since the page was
     * read has none, and its page leaves it out.
     */
    private Map<UUID, String> writtenViews(Caller who, List<SloRef> refs) {
        Map<UUID, String> views = new LinkedHashMap<>();
        List<UUID> unwritten = new ArrayList<>();
        for (SloRef ref : refs) {
            String view = WrittenViews.find(SLO_VIEW, ref.id(), ref.version());
            if (view == null) {
                unwritten.add(ref.id());
            } else {
                views.put(ref.id(), view);
            }
        }
        if (!unwritten.isEmpty()) {
            slos.find(who, unwritten).values().forEach(slo -> views.put(slo.id(), WrittenViews.keep(SLO_VIEW, slo.id(), slo.version(), SloView.of(slo))));
        }
        return views;
    }

    @GET
    @Path("openslo")
    @Access(Role.VIEWER)
    @Produces({"application/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "All SLOs as OpenSLO v1 YAML (Service and SLO documents, burn-rate alert policies inline)")
    public String exportAll() {
        return slos.exportOpenSlo(caller.get(), null);
    }

    @POST
    @Path("openslo")
    @Access(Role.OPERATOR)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import OpenSLO YAML (openslo/v1, v1alpha converted; documents in a stream or a sequence; SLI, AlertPolicy and "
            + "AlertCondition references resolved): every SLO or none, naming each problem by document and path; with partial=true the "
            + "documents that can be imported are (201 when one was) and the refused ones are listed. Fields not imported are listed too")
    public Response importOpenSlo(@QueryParam("partial") boolean partial, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidRequestException("invalid-openslo", "Send OpenSLO v1 YAML documents in the body");
        }
        SloService.ImportReport report = slos.importOpenSlo(caller.get(), yaml, partial);
        return Response.status(report.created().isEmpty() ? Response.Status.OK : Response.Status.CREATED).entity(report).build();
    }

    @GET
    @Path("{id}/openslo")
    @Access(Role.VIEWER)
    @Produces({"application/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "One SLO as OpenSLO v1 YAML")
    public String export(@PathParam("id") String id) {
        return slos.exportOpenSlo(caller.get(), Ids.parse(id, "SLO"));
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One SLO")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SloView.class)))
    public Response get(@PathParam("id") String id) {
        Caller who = caller.get();
        UUID sloId = Ids.parse(id, "SLO");
        return keptAnswers.one(who, Slo.class, sloId, () -> {
            Slo slo = slos.get(who, sloId);
            return KeptAnswers.One.versioned(SloView.of(slo), slo.version());
        });
    }

    @DELETE
    @Path("{id}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Delete an SLO")
    public Response delete(@PathParam("id") String id) {
        slos.delete(caller.get(), Ids.parse(id, "SLO"));
        return Response.noContent().build();
    }

    /** An SLO with its status: what a list of SLOs shows, in one request a page instead of one a row. */
    public record SloWithStatus(SloView slo, SloStatus status) {
    }

    /** What {@link #statuses} answers, written from the statuses' kept JSON; its schema is the page's. */
    @Schema(name = "PageSloWithStatus")
    public record SloWithStatusPage(List<SloWithStatus> items, String nextCursor) {
    }

    @GET
    @Path("statuses")
    @Access(Role.VIEWER)
    @Operation(summary = "SLOs by name with their status, in pages (the status of each as GET /slos/{id}/status answers it)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SloWithStatusPage.class)))
    public Response statuses(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Caller who = caller.get();
        SloService.StatusPage page = slos.statusPage(who, PageRequest.of(cursor, limit));
        // Each status is sent as it is kept, as GET /slos/{id}/status sends it: reading a page of them back into records
        // only to write them again was a fifth of the answer's work (profiled). The items are SloWithStatus, written so.
        Map<UUID, String> views = writtenViews(who, page.slos().items());
        List<List<String>> items = page.slos().items().stream().filter(ref -> views.containsKey(ref.id()))
                .map(ref -> List.of("{\"slo\":", views.get(ref.id()), ",\"status\":", page.statusJsons().get(ref.id()), "}")).toList();
        return Response.ok(RecordAnswers.writtenPage(items, page.slos().nextCursor()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}/status")
    @Access(Role.VIEWER)
    @Operation(summary = "SLI, error budget (ratio and minutes), burn rates, alerts and state (NO_DATA is its own state)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SloStatus.class)))
    public Response status(@PathParam("id") String id) {
        // The cached answer is already this JSON: sent as it is, not parsed and printed again.
        return Response.ok(slos.statusJson(caller.get(), Ids.parse(id, "SLO")), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
