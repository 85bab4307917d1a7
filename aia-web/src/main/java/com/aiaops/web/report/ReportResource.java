package com.aiaops.web.report;

import com.aiaops.batch.BatchJobs;
import com.aiaops.report.Report;
import com.aiaops.report.ReportService;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation's reports. */
@Path("reports")
@Tag(name = "Reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    @Inject
    ReportService reports;

    @EJB
    BatchJobs jobs;

    @Inject
    CurrentCaller caller;

    public record ReportView(UUID id, Report.Kind kind, String period, Instant periodStart, Instant periodEnd, Instant createdAt,
                             String csv, String html) {
        static ReportView of(Report r) {
            return new ReportView(r.id(), r.kind(), r.period(), r.periodStart(), r.periodEnd(), r.createdAt(),
                    "/api/v1/reports/" + r.id() + "/csv", "/api/v1/reports/" + r.id() + "/html");
        }
    }

    public record RequestReport(@NotNull Report.Kind kind,
                                @Pattern(regexp = "\\d{4}-\\d{2}(-\\d{2})?", message = "a month (2026-10) or, for a weekly review, a date in the week")
                                String period) {
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Reports of the organisation, newest first, with links to their CSV and HTML")
    public Map<String, List<ReportView>> list() {
        return Map.of("items", reports.list(caller.get()).stream().map(ReportView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Access(Role.OPERATOR)
    @Operation(summary = "Write a report now (SLA_MONTHLY, COST_MONTHLY, WEEKLY_REVIEW) for a period (default: the last complete "
            + "month or week) by starting its batch job for this organisation; 202 with the job execution")
    public Response request(@Valid @NotNull RequestReport body) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("organization", caller.get().organizationId().toString());
        if (body.period() != null) {
            if (body.kind() != Report.Kind.WEEKLY_REVIEW && body.period().length() != 7) {
                throw InvalidRequestException.ofField("validation-failed", "period", "a month such as 2026-10");
            }
            parameters.put("period", body.period());
        }
        String job = switch (body.kind()) {
            case SLA_MONTHLY -> "sla-report";
            case COST_MONTHLY -> "cost-report";
            case WEEKLY_REVIEW -> "weekly-review";
        };
        return Response.accepted(jobs.status(jobs.start(caller.get(), job, parameters))).build();
    }

    @GET
    @Path("jobs/{executionId}")
    @Access(Role.VIEWER)
    @Operation(summary = "The status of a report job this organisation started")
    public BatchJobs.Status job(@PathParam("executionId") long executionId) {
        return jobs.status(executionId, java.util.Set.of("sla-report", "cost-report", "weekly-review"),
                        Map.of("organization", caller.get().organizationId().toString()))
                .orElseThrow(() -> new NotFoundException("report job execution", executionId));
    }

    @GET
    @Path("{id}/csv")
    @Produces("text/csv")
    @Access(Role.VIEWER)
    @Operation(summary = "The report as CSV")
    public Response csv(@PathParam("id") String id) {
        Report r = reports.get(caller.get(), Ids.parse(id, "report"));
        return Response.ok(r.csv(), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + r.kind().name().toLowerCase() + "-" + r.period() + ".csv\"").build();
    }

    @GET
    @Path("{id}/html")
    @Produces(MediaType.TEXT_HTML)
    @Access(Role.VIEWER)
    @Operation(summary = "The report as a readable HTML page")
    public Response html(@PathParam("id") String id) {
        Report r = reports.get(caller.get(), Ids.parse(id, "report"));
        return Response.ok(r.html(), "text/html; charset=utf-8").header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .build();
    }
}
