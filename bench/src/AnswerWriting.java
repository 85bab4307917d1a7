import com.aiaops.shared.Page;
import com.aiaops.slo.BudgetingMethod;
import com.aiaops.slo.BurnRateRule;
import com.aiaops.slo.Indicator;
import com.aiaops.slo.SloStatus;
import com.aiaops.web.platform.RecordAnswers;
import com.aiaops.web.slo.SloResource.BurnRateRuleView;
import com.aiaops.web.slo.SloResource.SloView;
import com.aiaops.web.slo.SloResource.SloWithStatus;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The time to write one page of SLOs with their statuses (GET /slos/statuses) as JSON: JSON-B's defaults beside the API's
 * writer (RecordAnswers), on one thread, same page, same output (checked). Usage: AnswerWriting ROUNDS
 */
public class AnswerWriting {
    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Jsonb defaults = JsonbBuilder.create();
        for (int size : new int[] {20, 50, 200}) {
            Page<SloWithStatus> page = page(size);
            String expected = defaults.toJson(page);
            if (!expected.equals(RecordAnswers.write(page))) {
                throw new IllegalStateException("the two writers disagree on a page of " + size);
            }
            int repeat = 60_000 / size;
            double bestDefaults = Double.MAX_VALUE, bestApi = Double.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < repeat; i++) {
                    defaults.toJson(page);
                }
                long middle = System.nanoTime();
                for (int i = 0; i < repeat; i++) {
                    RecordAnswers.write(page);
                }
                long end = System.nanoTime();
                if (round >= rounds / 2) { // the first half warms up
                    bestDefaults = Math.min(bestDefaults, (middle - start) / 1e3 / repeat);
                    bestApi = Math.min(bestApi, (end - middle) / 1e3 / repeat);
                }
            }
            System.out.printf("page of %3d SLO statuses (%,7d bytes): JSON-B defaults %8.1f us, API writer %8.1f us, x%.2f%n", size,
                    expected.length(), bestDefaults, bestApi, bestDefaults / bestApi);
        }
    }

    private static Page<SloWithStatus> page(int size) {
        List<SloWithStatus> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SloView slo = new SloView(UUID.randomUUID(), UUID.randomUUID(), "checkout-availability-" + i, "Checkout availability " + i,
                    Indicator.AVAILABILITY, null, false, false, 99.9, "28d", true, null, null, BudgetingMethod.OCCURRENCES, null, null, 0,
                    List.of(new BurnRateRuleView(60, 5, 14.4, BurnRateRule.Severity.PAGE), new BurnRateRuleView(360, 30, 6, BurnRateRule.Severity.PAGE),
                            new BurnRateRuleView(1440, 120, 3, BurnRateRule.Severity.TICKET), new BurnRateRuleView(4320, 360, 1, BurnRateRule.Severity.TICKET)),
                    3);
            SloStatus status = new SloStatus(SloStatus.State.WARNING, Instant.parse("2026-11-08T00:00:00Z"), Instant.parse("2026-12-06T00:00:00Z"),
                    Instant.parse("2026-12-06T00:00:30Z"), 0.999, 0.99875 - i * 1e-6, 99875 + i, 100000 + i, null, null, 40.32, 1.25, -0.25, -10.08,
                    List.of(new SloStatus.BurnRate("5m", 120, 0.01, 10.0), new SloStatus.BurnRate("1h", 1200, 0.02, 20.0),
                            new SloStatus.BurnRate("6h", 7200, 0.002, 2.0), new SloStatus.BurnRate("3d", 86400, 0.0012, 1.2)),
                    List.of(new SloStatus.Alert("1h", "5m", 14.4, BurnRateRule.Severity.PAGE, 20.0, 10.0, false, false),
                            new SloStatus.Alert("6h", "30m", 6, BurnRateRule.Severity.PAGE, 2.0, 1.0, false, false),
                            new SloStatus.Alert("1d", "2h", 3, BurnRateRule.Severity.TICKET, 1.3, 1.2, false, false),
                            new SloStatus.Alert("3d", "6h", 1, BurnRateRule.Severity.TICKET, 1.2, 1.1, true, false)));
            items.add(new SloWithStatus(slo, status));
        }
        return new Page<>(items, "c2xvLTIwMA");
    }
}
