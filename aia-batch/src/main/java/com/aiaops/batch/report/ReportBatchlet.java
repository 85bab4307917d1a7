package com.aiaops.batch.report;

import com.aiaops.access.OrganizationScope;
import com.aiaops.report.ReportService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes one report of {@code kind} (sla, cost or weekly) for each organisation, or for {@code organization}, for
 * {@code period} (a month such as 2026-10, or the Monday of a week; default: the last complete one). Each
 * organisation's report is its own transaction, run in that organisation: one that fails does not stop the others, and fails the job.
 */
@Named
@Dependent
public class ReportBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(ReportBatchlet.class);

    @Inject
    ReportService reports;

    @Inject
    @BatchProperty
    String kind;

    @Inject
    @BatchProperty
    String organization;

    @Inject
    @BatchProperty
    String period;

    @Override
    public String process() {
        List<UUID> organizations = organization == null || organization.isBlank() ? reports.organizations() : List.of(UUID.fromString(organization.trim()));
        int failed = 0;
        for (UUID org : organizations) {
            try {
                OrganizationScope.within(org, () -> write(org));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf(e, "The %s report of organisation %s could not be written", kind, org);
            }
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + organizations.size() + " reports failed");
        }
        return "WRITTEN " + organizations.size();
    }

    private void write(UUID org) {
        switch (kind) {
            case "sla" -> reports.slaReport(org, month());
            case "cost" -> reports.costReport(org, month());
            case "weekly" -> reports.weeklyReview(org, week());
            default -> throw new IllegalArgumentException("kind must be sla, cost or weekly");
        }
    }

    private YearMonth month() {
        return period == null || period.isBlank() ? reports.lastMonth() : YearMonth.parse(period.trim());
    }

    private LocalDate week() {
        return period == null || period.isBlank() ? reports.lastWeek() : LocalDate.parse(period.trim()).with(DayOfWeek.MONDAY);
    }
}
