package com.aiaops.web.cost;

import com.aiaops.cost.CostBudget;
import com.aiaops.cost.CostImport;
import com.aiaops.cost.CostMapping;
import com.aiaops.cost.CostBreakdowns;
import com.aiaops.cost.CostBudgets;
import com.aiaops.cost.FocusImports;
import com.aiaops.cost.DuplicateImport;
import com.aiaops.access.Caller;
import com.aiaops.shared.Ids;
import com.aiaops.shared.Months;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.KeptAnswers;
import com.aiaops.web.platform.QueryParameters;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cloud cost from FOCUS files: import, allocation to services, budgets, breakdowns, unit costs. */
@Path("cost")
@Tag(name = "Cost")
@Produces(MediaType.APPLICATION_JSON)
public class CostResource {
    @Inject
    FocusImports imports;

    @Inject
    CostBudgets budgets;

    @Inject
    CostBreakdowns breakdowns;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    @Inject
    KeptAnswers keptAnswers;

    @POST
    @Path("imports")
    @Consumes({"text/csv", MediaType.APPLICATION_OCTET_STREAM})
    @Access(Role.OPERATOR)
    @Operation(summary = "Import a FOCUS 1.0-1.2 CSV file (text/csv, streamed, up to 4 GiB). Required columns: BilledCost, EffectiveCost, "
            + "ChargeCategory, ChargePeriodStart/End, BillingPeriodStart/End and BillingCurrency (or the currency parameter for a file "
            + "without it); every other FOCUS column is kept when present (Tags as JSON) and the answer lists the mandatory ones absent. "
            + "Blank lines and fields written as the literal null are empty. Any bad row refuses the whole file (400, errors by row and "
            + "column); the same file again is recognised (200, duplicate=true) and not counted twice")
    public Response importFocus(
            @Parameter(description = "ISO 4217 currency of a file without a BillingCurrency column")
            @QueryParam("currency") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
            @Parameter(description = "en-US: the file was saved by a US spreadsheet (dates M/d/yy, amounts like $1,000.00); never guessed")
            @QueryParam("spreadsheet") @Pattern(regexp = "en-US", message = "must be en-US, the only spreadsheet format read") String spreadsheet,
            InputStream body) {
        try {
            FocusImports.ImportResult result = imports.importFocus(caller.get(), body, currency, spreadsheet != null);
            return Response.created(URI.create("cost/imports/" + result.id())).entity(result).build();
        } catch (DuplicateImport duplicate) {
            return Response.ok(FocusImports.ImportResult.of(duplicate.earlier(), true)).build();
        }
    }

    @GET
    @Path("imports")
    @Access(Role.VIEWER)
    @Operation(summary = "Imported files, newest first")
    public Map<String, List<FocusImports.ImportResult>> imports() {
        return Map.of("items", imports.imports(caller.get()).stream().map((CostImport i) -> FocusImports.ImportResult.of(i, false)).toList());
    }

    @GET
    @Path("imports/{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One imported file")
    public FocusImports.ImportResult importOf(@PathParam("id") String id) {
        java.util.UUID importId = Ids.parse(id, "cost import");
        return imports.imports(caller.get()).stream().filter(i -> i.id().equals(importId)).findFirst()
                .map(i -> FocusImports.ImportResult.of(i, false)).orElseThrow(() -> new NotFoundException("cost import", importId));
    }

    public record MappingRequest(@NotNull CostMapping.Kind kind, @Size(max = 100) String tagKey, @Size(max = 100) String customerTagKey,
                                 @Size(max = 10_000) Map<@NotNull @Size(max = 500) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String, @NotNull UUID> resources) {
    }

    public record MappingView(CostMapping.Kind kind, String tagKey, String customerTagKey, Map<String, UUID> resources) {
        static MappingView of(CostMapping m) {
            return new MappingView(m.kind(), m.tagKey(), m.customerTagKey(), m.resources());
        }
    }

    @GET
    @Path("mapping")
    @Access(Role.VIEWER)
    @Operation(summary = "How cost rows find their service (default: TAG 'service' holding the service slug; customer tag 'customer')")
    public MappingView mapping() {
        return MappingView.of(imports.mapping(caller.get()));
    }

    @PUT
    @Path("mapping")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    @Operation(summary = "Set the allocation rule for later imports: TAG (tagKey), SERVICE_NAME (FOCUS ServiceName = our slug or name) "
            + "or RESOURCE_ID (resources: ResourceId → service id)")
    public MappingView setMapping(@Valid @NotNull MappingRequest body) {
        return MappingView.of(imports.setMapping(caller.get(), body.kind(), body.tagKey(), body.customerTagKey(),
                body.resources() == null ? Map.of() : body.resources()));
    }

    public record BudgetRequest(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes") String name,
                                @NotNull CostBudget.Scope scope, UUID serviceId, @Size(max = 32) String serviceCategory,
                                @NotNull @DecimalMin(value = "0", inclusive = false) @jakarta.validation.constraints.DecimalMax("1000000000000") @jakarta.validation.constraints.Digits(integer = 13, fraction = 4) BigDecimal monthlyAmount,
                                @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code") String currency,
                                @Size(max = 20) List<@NotNull UUID> channelIds) {
    }

    public record BudgetView(UUID id, String name, CostBudget.Scope scope, UUID serviceId, String serviceCategory, BigDecimal monthlyAmount,
                             String currency, List<UUID> channelIds) {
        static BudgetView of(CostBudget b) {
            return new BudgetView(b.id(), b.name(), b.scope(), b.serviceId(), b.serviceCategory(), b.monthlyAmount(), b.currency(), b.channels());
        }
    }

    @POST
    @Path("budgets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.ADMIN)
    @Operation(summary = "A monthly EffectiveCost budget for the ORGANIZATION, a SERVICE or a CATEGORY; its channels are told (once a "
            + "month each) when the month-end forecast is over +10 % and when the budget is spent")
    public Response defineBudget(@Valid @NotNull BudgetRequest body) {
        CostBudget b = budgets.defineBudget(caller.get(), body.name(), body.scope(), body.serviceId(), body.serviceCategory(), body.monthlyAmount(),
                body.currency(), body.channelIds() == null ? List.of() : body.channelIds());
        return Response.created(URI.create("cost/budgets/" + b.id())).entity(BudgetView.of(b)).build();
    }

    @GET
    @Path("budgets")
    @Access(Role.VIEWER)
    @Operation(summary = "The organisation's budgets")
    public Map<String, List<BudgetView>> budgets() {
        return Map.of("items", budgets.budgets(caller.get()).stream().map(BudgetView::of).toList());
    }

    @GET
    @Path("budgets/{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One budget")
    public BudgetView budget(@PathParam("id") String id) {
        java.util.UUID budgetId = Ids.parse(id, "budget");
        return budgets.budgets(caller.get()).stream().filter(b -> b.id().equals(budgetId)).findFirst().map(BudgetView::of)
                .orElseThrow(() -> new NotFoundException("budget", budgetId));
    }

    @DELETE
    @Path("budgets/{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Delete a budget")
    public Response deleteBudget(@PathParam("id") String id) {
        budgets.deleteBudget(caller.get(), Ids.parse(id, "budget"));
        return Response.noContent().build();
    }

    @GET
    @Path("budgets/status")
    @Access(Role.VIEWER)
    @Operation(summary = "Each budget in a month (default: this month), or in each month of [from, to] (at most 24, oldest first): "
            + "spent, month-end forecast, adherence, UNDER / ON_BUDGET (±10 %) / OVER")
    public Map<String, List<CostBudgets.BudgetStatus>> budgetStatus(@QueryParam("month") String month, @QueryParam("from") String from,
                                                                     @QueryParam("to") String to) {
        List<YearMonth> asked = from == null || from.isBlank() ? List.of(month("month", month)) : months(from, to);
        Caller who = caller.get();
        Instant now = clock.instant();
        // Each status sums the month's cost lines (thousands a month for a large organisation): kept until a budget or an
        // import changes, and while no month asked is still running at its end (an ended month's forecast is what was spent).
        List<CostBudgets.BudgetStatus> statuses = keptAnswers.held(who, List.of(CostBudget.class, CostImport.class),
                "budget-status|" + asked.get(0) + "|" + asked.get(asked.size() - 1), now, () -> new KeptAnswers.TrueUntil<>(
                        asked.stream().flatMap(m -> budgets.budgetStatus(who, m).stream()).toList(), statusesTrueUntil(asked, now)));
        return Map.of("items", statuses);
    }

    /** The last instant at which the statuses of these months stay as computed at {@code now}: a running month changes at its end. */
    static Instant statusesTrueUntil(List<YearMonth> months, Instant now) {
        return months.stream().map(Months::end).filter(now::isBefore).min(Instant::compareTo)
                .map(end -> end.minusNanos(1)).orElse(Instant.MAX);
    }

    @GET
    @Path("breakdown")
    @Access(Role.VIEWER)
    @Operation(summary = "EffectiveCost, billed and list cost by service, category, provider, customer or month over the months "
            + "[from, to] (default: this month)")
    public Map<String, List<CostBreakdowns.Slice>> breakdown(@QueryParam("by") String by, @QueryParam("from") String from,
                                                          @QueryParam("to") String to) {
        CostBreakdowns.Dimension dimension = QueryParameters.oneOf("by", by, CostBreakdowns.Dimension.class, CostBreakdowns.Dimension.SERVICE);
        YearMonth start = month("from", from);
        return Map.of("items", breakdowns.breakdown(caller.get(), dimension, start, to == null || to.isBlank() ? start : month("to", to)));
    }

    @GET
    @Path("unit-costs")
    @Access(Role.VIEWER)
    @Operation(summary = "A month's EffectiveCost per million requests of each service (requests from our telemetry) and per customer")
    public CostBreakdowns.UnitCosts unitCosts(@QueryParam("month") String month) {
        return breakdowns.unitCosts(caller.get(), month("month", month));
    }

    @GET
    @Path("unit-costs/months")
    @Access(Role.VIEWER)
    @Operation(summary = "Unit costs of each month of [from, to] (at most 24, oldest first; to defaults to this month), in one answer")
    public Map<String, List<CostBreakdowns.UnitCosts>> unitCostsByMonth(@QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || from.isBlank()) {
            throw InvalidRequestException.ofField("invalid-parameter", "from", "a month such as 2026-06");
        }
        return Map.of("items", months(from, to).stream().map(m -> breakdowns.unitCosts(caller.get(), m)).toList());
    }

    /** The months of [from, to], oldest first; to defaults to this month; at most two years, so one request stays cheap. */
    private List<YearMonth> months(String from, String to) {
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (last.isBefore(first)) {
            throw InvalidRequestException.ofField("invalid-parameter", "to", "must not be before from");
        }
        if (first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
            throw InvalidRequestException.ofField("invalid-parameter", "from", "at most " + MAX_MONTHS + " months in one request");
        }
        List<YearMonth> months = new java.util.ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static final int MAX_MONTHS = 24;

    private YearMonth month(String name, String text) {
        if (text == null || text.isBlank()) {
            return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.ofField("invalid-parameter", name, "a month such as 2026-11");
        }
    }
}
