package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** FOCUS imports: validation, idempotency, allocation to services, budgets with forecasts and alerts, breakdowns, unit costs. */
class CostIT extends ApiIT {
    static final String HEADER = "BilledCost,EffectiveCost,ListCost,ContractedCost,PricingQuantity,PricingUnit,BillingAccountId,"
            + "BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,"
            + "ChargePeriodStart,ChargePeriodEnd,InvoiceIssuerName,ProviderName,PublisherName,ServiceCategory,ServiceName,ResourceId,Tags";

    /** A usage row of one day: cost, FOCUS service category and name, and the tags (service slug, customer). */
    static String row(LocalDate day, String cost, String category, String serviceName, String serviceTag, String customer) {
        YearMonth month = YearMonth.from(day);
        String tags = "{\"\"service\"\":\"\"" + serviceTag + "\"\"" + (customer == null ? "" : ",\"\"customer\"\":\"\"" + customer + "\"\"") + "}";
        return String.join(",", cost, cost, cost, cost, "24", "Hours", "acct-1", "Main account", "USD",
                month.atDay(1) + "T00:00:00Z", month.plusMonths(1).atDay(1) + "T00:00:00Z", "Usage", "", "\"VM hours, on demand\"",
                day + "T00:00:00Z", day.plusDays(1) + "T00:00:00Z", "Example Cloud Inc.", "Example Cloud", "Example Cloud", category,
                serviceName, "res-" + serviceTag, "\"" + tags + "\"");
    }

    static String file(List<String> rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    static RequestSpecification csv(String key) {
        return RestAssured.given().header("Authorization", "Bearer " + key).contentType("text/csv");
    }

    @Test
    void a_focus_file_is_allocated_budgeted_forecast_broken_down_and_imported_once() throws Exception {
        Tenant tenant = newTenant();
        String checkout = registerService(tenant.adminKey(), "checkout");
        String search = registerService(tenant.adminKey(), "search");
        try (Receiver receiver = new Receiver()) {
            String channel = as(tenant.adminKey()).body(Map.of("name", "finops", "type", "WEBHOOK", "target", receiver.url()))
                    .post("/notification-channels").then().statusCode(201).extract().path("id");
            String orgBudget = as(tenant.adminKey()).body(Map.of("name", "everything", "scope", "ORGANIZATION", "monthlyAmount", 250,
                    "currency", "USD", "channelIds", List.of(channel))).post("/cost/budgets").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).body(Map.of("name", "checkout", "scope", "SERVICE", "serviceId", checkout, "monthlyAmount", 100,
                    "currency", "USD")).post("/cost/budgets").then().statusCode(201);
            as(tenant.adminKey()).body(Map.of("name", "databases", "scope", "CATEGORY", "serviceCategory", "Databases", "monthlyAmount", 20,
                    "currency", "USD")).post("/cost/budgets").then().statusCode(201);

            YearMonth current = YearMonth.now(ZoneOffset.UTC);
            YearMonth previous = current.minusMonths(1);
            List<String> rows = new ArrayList<>();
            for (int d = 1; d <= 10; d++) { // this month: data for its first ten days, 10.00 a day
                rows.add(row(current.atDay(d), "10.00", "Compute", "Virtual Machines", "checkout", "acme"));
            }
            rows.add(row(previous.atDay(3), "50.00", "Compute", "Virtual Machines", "checkout", "acme"));
            rows.add(row(previous.atDay(4), "30.00", "Storage", "Object Storage", "checkout", "globex"));
            rows.add(row(previous.atDay(5), "20.00", "Databases", "Managed PostgreSQL", "search", "globex"));
            rows.add(row(previous.atDay(6), "5.00", "Other", "Support", "nobody-we-know", null));
            String focus = file(rows);

            csv(tenant.adminKey()).body(focus).post("/cost/imports").then().statusCode(201)
                    .body("rows", equalTo(14)).body("unallocatedRows", equalTo(1)).body("duplicate", equalTo(false))
                    .body("effectiveCost", closeTo(205.0, 1e-9)).body("firstChargeAt", equalTo(previous.atDay(3) + "T00:00:00Z"));
            // The same file again: recognised, not counted twice.
            csv(tenant.adminKey()).body(focus).post("/cost/imports").then().statusCode(200).body("duplicate", equalTo(true));
            as(tenant.adminKey()).get("/cost/imports").then().body("items", hasSize(1));

            // This month: 100 spent over its first 10 days forecasts 10 a day for the whole month, over 250 by more than 10 %:
            // OVER, and the channel is told. Last month is over: its forecast is what it spent.
            int days = current.lengthOfMonth();
            as(tenant.adminKey()).queryParam("month", current.toString()).get("/cost/budgets/status").then().statusCode(200)
                    .body("items.find { it.name == 'everything' }.forecast.actual", closeTo(100.0, 1e-9))
                    .body("items.find { it.name == 'everything' }.forecast.forecast", closeTo(10.0 * days, 1e-9))
                    .body("items.find { it.name == 'everything' }.forecast.status", equalTo("OVER"))
                    .body("items.find { it.name == 'everything' }.forecast.coveredUntil", equalTo(current.atDay(11) + "T00:00:00Z"));
            as(tenant.adminKey()).queryParam("month", previous.toString()).get("/cost/budgets/status").then()
                    .body("items.find { it.name == 'everything' }.forecast.forecast", closeTo(105.0, 1e-9))
                    .body("items.find { it.name == 'everything' }.forecast.status", equalTo("UNDER"))
                    .body("items.find { it.name == 'checkout' }.forecast.actual", closeTo(80.0, 1e-9))
                    .body("items.find { it.name == 'databases' }.forecast.status", equalTo("ON_BUDGET"));
            // Both months in one request: the same statuses, oldest month first.
            as(tenant.adminKey()).queryParam("from", previous.toString()).queryParam("to", current.toString()).get("/cost/budgets/status")
                    .then().statusCode(200)
                    .body("items.findAll { it.name == 'everything' }.month", contains(previous.toString(), current.toString()))
                    .body("items.findAll { it.name == 'everything' }.forecast.status", contains("UNDER", "OVER"));
            as(tenant.adminKey()).queryParam("from", current.toString()).queryParam("to", previous.toString()).get("/cost/budgets/status")
                    .then().statusCode(400).body("errors.field", hasItem("to"));
            as(tenant.adminKey()).queryParam("from", current.minusMonths(30).toString()).queryParam("to", current.toString())
                    .get("/cost/budgets/status").then().statusCode(400).body("errors.field", hasItem("from"));
            as(tenant.adminKey()).queryParam("sourceId", orgBudget).get("/notifications").then()
                    .body("items", hasSize(1)).body("items[0].event", equalTo("cost.budget-forecast-over"))
                    .body("items[0].subject", equalTo("Budget everything is forecast at "
                            + String.format(java.util.Locale.ROOT, "%.0f", 100.0 * 10 * days / 250) + " % for " + current));
            eventually(java.time.Duration.ofSeconds(20), () -> org.junit.jupiter.api.Assertions.assertTrue(receiver.accepted().stream()
                    .anyMatch(r -> "cost.budget-forecast-over".equals(r.header("X-AIA-Event")))));

            as(tenant.adminKey()).queryParam("by", "service").queryParam("from", previous.toString()).get("/cost/breakdown").then().statusCode(200)
                    .body("items.label", contains("Service checkout", "Service search", "(unallocated)"))
                    .body("items.effectiveCost", contains(closeTo(80.0, 1e-9), closeTo(20.0, 1e-9), closeTo(5.0, 1e-9)));
            as(tenant.adminKey()).queryParam("by", "category").queryParam("from", previous.toString()).get("/cost/breakdown").then()
                    .body("items.key", contains("Compute", "Storage", "Databases", "Other"));
            as(tenant.adminKey()).queryParam("by", "customer").queryParam("from", previous.toString()).queryParam("to", current.toString())
                    .get("/cost/breakdown").then().body("items.key", containsInAnyOrder("acme", "globex", null))
                    .body("items.find { it.key == 'acme' }.effectiveCost", closeTo(150.0, 1e-9));
            as(tenant.adminKey()).queryParam("by", "month").queryParam("from", previous.toString()).queryParam("to", current.toString())
                    .get("/cost/breakdown").then().body("items.key", contains(previous.toString(), current.toString()))
                    .body("items.effectiveCost", contains(closeTo(105.0, 1e-9), closeTo(100.0, 1e-9)));
            as(tenant.adminKey()).queryParam("by", "provider").queryParam("from", previous.toString()).get("/cost/breakdown").then()
                    .body("items[0].key", equalTo("Example Cloud")).body("items[0].rows", equalTo(4));
        }
    }

    @Test
    void a_budget_status_read_again_shows_each_later_import_budget_change_and_the_end_of_its_month() {
        Tenant tenant = newTenant();
        YearMonth month = YearMonth.from(serverNow().atZone(ZoneOffset.UTC));
        as(tenant.adminKey()).body(Map.of("name", "everything", "scope", "ORGANIZATION", "monthlyAmount", 1000, "currency", "USD",
                "channelIds", List.of())).post("/cost/budgets").then().statusCode(201);
        List<String> firstDays = new ArrayList<>();
        for (int d = 1; d <= 5; d++) {
            firstDays.add(row(month.atDay(d), "10.00", "Compute", "Virtual Machines", "checkout", null));
        }
        csv(tenant.adminKey()).body(file(firstDays)).post("/cost/imports").then().statusCode(201);
        // Read twice: the second answer is the one kept.
        for (int i = 0; i < 2; i++) {
            as(tenant.adminKey()).queryParam("month", month.toString()).get("/cost/budgets/status").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].forecast.actual", closeTo(50.0, 1e-9))
                    .body("items[0].forecast.forecast", closeTo(10.0 * month.lengthOfMonth(), 1e-9));
        }
        // A later import counts at once.
        csv(tenant.adminKey()).body(file(List.of(row(month.atDay(6), "20.00", "Compute", "Virtual Machines", "checkout", null))))
                .post("/cost/imports").then().statusCode(201);
        as(tenant.adminKey()).queryParam("month", month.toString()).get("/cost/budgets/status").then()
                .body("items[0].forecast.actual", closeTo(70.0, 1e-9));
        // So do a new budget and a deleted one.
        String small = as(tenant.adminKey()).body(Map.of("name", "small", "scope", "ORGANIZATION", "monthlyAmount", 10, "currency", "USD",
                "channelIds", List.of())).post("/cost/budgets").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).queryParam("month", month.toString()).get("/cost/budgets/status").then()
                .body("items.name", contains("everything", "small")).body("items.find { it.name == 'small' }.forecast.status", equalTo("OVER"));
        as(tenant.adminKey()).delete("/cost/budgets/" + small).then().statusCode(204);
        as(tenant.adminKey()).queryParam("month", month.toString()).get("/cost/budgets/status").then().body("items.name", contains("everything"));
        // Once the month has ended its forecast is what was spent: the status kept while it ran is not sent after.
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            clockAhead(clockOffset().plus(java.time.Duration.between(serverNow(), end)).plusHours(1));
            as(tenant.adminKey()).queryParam("month", month.toString()).get("/cost/budgets/status").then()
                    .body("items[0].forecast.actual", closeTo(70.0, 1e-9)).body("items[0].forecast.forecast", closeTo(70.0, 1e-9));
        } finally {
            clockAhead(java.time.Duration.ZERO);
        }
    }

    @Test
    void unit_cost_divides_a_services_cost_by_its_requests_and_the_mapping_rule_is_the_organisations() {
        Tenant tenant = newTenant();
        String api = registerService(tenant.adminKey(), "api");
        String ingest = issueKey(tenant, "INGEST");
        Instant now = Instant.now();
        as(ingest).body(batch(spread("api", now.minusSeconds(300), 3, 2000, 0, 20))).post("/telemetry/observations").then().statusCode(200);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        YearMonth thisMonth = YearMonth.from(today);

        // By FOCUS ServiceName instead of a tag.
        as(tenant.adminKey()).body(Map.of("kind", "SERVICE_NAME", "customerTagKey", "customer")).put("/cost/mapping").then().statusCode(200);
        csv(tenant.adminKey()).body(file(List.of(row(today, "3.00", "Compute", "API", "whatever", "acme")))).post("/cost/imports")
                .then().statusCode(201).body("unallocatedRows", equalTo(0));
        as(tenant.adminKey()).queryParam("month", thisMonth.toString()).get("/cost/unit-costs").then().statusCode(200)
                .body("perService[0].serviceId", equalTo(api)).body("perService[0].requests", equalTo(2000))
                .body("perService[0].costPerMillionRequests", closeTo(1500.0, 1e-9))
                .body("perCustomer[0].customer", equalTo("acme"));
        // Months at once, oldest first; a month without cost has no services.
        as(tenant.adminKey()).queryParam("from", thisMonth.minusMonths(1).toString()).get("/cost/unit-costs/months").then().statusCode(200)
                .body("items.month", contains(thisMonth.minusMonths(1).toString(), thisMonth.toString()))
                .body("items[0].perService", hasSize(0)).body("items[1].perService[0].costPerMillionRequests", closeTo(1500.0, 1e-9));
        as(tenant.adminKey()).get("/cost/unit-costs/months").then().statusCode(400).body("errors.field", hasItem("from"));
        as(issueKey(tenant, "OPERATOR")).body(Map.of("kind", "TAG", "tagKey", "team")).put("/cost/mapping").then().statusCode(403);
        as(tenant.adminKey()).body(Map.of("kind", "TAG")).put("/cost/mapping").then().statusCode(400);
    }

    @Test
    void a_file_with_bad_rows_is_refused_whole_with_each_problem_named() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        String good = row(LocalDate.of(2026, 10, 1), "1.00", "Compute", "VM", "checkout", null);
        String badCost = row(LocalDate.of(2026, 10, 2), "lots", "Compute", "VM", "checkout", null);
        String badCurrency = row(LocalDate.of(2026, 10, 3), "1.00", "Compute", "VM", "checkout", null).replace(",USD,", ",dollars,");
        csv(tenant.adminKey()).body(file(List.of(good, badCost, badCurrency))).post("/cost/imports").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:aia-ops:problem:invalid-cost-file"))
                .body("errors.field", hasItem("row 3: BilledCost")).body("errors.field", hasItem("row 4: BillingCurrency"));
        csv(tenant.adminKey()).body("BilledCost,EffectiveCost\r\n1,1\r\n").post("/cost/imports").then().statusCode(400)
                .body("errors.message", hasItem("missing column ChargePeriodStart"));
        csv(tenant.adminKey()).body(HEADER + "\r\n" + good.replace("\"VM hours, on demand\"", "\"never closed")).post("/cost/imports")
                .then().statusCode(400).body("detail", startsWith("The file"));
        csv(tenant.adminKey()).body(HEADER + "\r\n").post("/cost/imports").then().statusCode(400);
        as(tenant.adminKey()).get("/cost/imports").then().body("items", hasSize(0));
        as(tenant.adminKey()).queryParam("from", "2026-10").get("/cost/breakdown").then().body("items", hasSize(0));
        as(issueKey(tenant, "VIEWER")).get("/cost/breakdown").then().statusCode(200);
        csv(issueKey(tenant, "VIEWER")).body(file(List.of(good))).post("/cost/imports").then().statusCode(403);
        Tenant other = newTenant();
        csv(tenant.adminKey()).body(file(List.of(good))).post("/cost/imports").then().statusCode(201)
                .body("unlistedServiceCategories", equalTo(Map.of()));
        as(other.adminKey()).queryParam("from", "2026-10").get("/cost/breakdown").then().body("items", hasSize(0));
        // A service category FOCUS does not list is not wrong for a cost: kept as written, and said.
        String spaceships = row(LocalDate.of(2026, 10, 3), "2.00", "Spaceships", "Launches", "checkout", null);
        csv(tenant.adminKey()).body(file(List.of(spaceships, row(LocalDate.of(2026, 10, 4), "2.00", "Spaceships", "Launches", "checkout", null)))).post("/cost/imports")
                .then().statusCode(201).body("rows", equalTo(2)).body("unlistedServiceCategories.Spaceships", equalTo(2));
        as(tenant.adminKey()).queryParam("by", "category").queryParam("from", "2026-10").queryParam("to", "2026-10").get("/cost/breakdown")
                .then().statusCode(200).body("items.key", hasItem("Spaceships"));
        as(other.adminKey()).get("/cost/imports").then().body("items", hasSize(0));
    }

    /**
     * The FOCUS specification's SaaS examples (focus/public/saas/README.md), saved by a US spreadsheet: M/d/yy dates,
     * "$10,000.00 " amounts, a byte order mark. Refused as they are, naming row, column and the way out; with
     * spreadsheet=en-US they import; four write a service category FOCUS does not have ("Database"), kept as written and said.
     */
    @Test
    void focus_specification_saas_examples_import_when_said_to_be_a_us_spreadsheets() throws Exception {
        Tenant tenant = newTenant();
        Map<String, Object[]> expected = new java.util.LinkedHashMap<>(); // file: rows and EffectiveCost, or the refused column
        expected.put("simple_saas_agreements_a1.csv", new Object[] {1, 10000.0});
        expected.put("simple_saas_agreements_a2.csv", new Object[] {1, 50000.0});
        expected.put("simple_saas_agreements_a3.csv", new Object[] {1, 1000.0});
        expected.put("simple_saas_agreements_b.csv", new Object[] {1, 50000.0});
        expected.put("simple_saas_agreements_c.csv", new Object[] {3, 35800.0});
        expected.put("virtual_currency_pricing_model_a1.csv", new Object[] {1, 0.0});
        expected.put("virtual_currency_pricing_model_a2.csv", new Object[] {3, 1230.0});
        expected.put("virtual_currency_pricing_model_b1.csv", new Object[] {1, 0.0});
        expected.put("virtual_currency_pricing_model_b2.csv", new Object[] {3, 615.0});
        expected.put("virtual_currency_pricing_model_b3.csv", new Object[] {3, 495.0});
        expected.put("virtual_currency_pricing_model_c.csv", new Object[] {2, 0.0});
        expected.put("saas_spend_agreements_a1.csv", new Object[] {4, 1200.0, 4});
        expected.put("saas_spend_agreements_a2.csv", new Object[] {13, 1200.0, 13});
        expected.put("saas_spend_agreements_b1.csv", new Object[] {5, 1200.0, 4});
        expected.put("saas_spend_agreements_b2.csv", new Object[] {14, 1200.0, 13});
        for (Map.Entry<String, Object[]> file : expected.entrySet()) {
            byte[] bytes;
            try (java.io.InputStream in = CostIT.class.getResourceAsStream("/focus/public/saas/" + file.getKey())) {
                bytes = in.readAllBytes();
            }
            // as they are: a spreadsheet's dates or amounts, refused with the parameter that reads them
            csv(tenant.adminKey()).body(bytes).post("/cost/imports").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors[0].field", startsWith("row 2: ")).body("errors[0].message", containsString("spreadsheet=en-US"));
            Object[] outcome = file.getValue();
            var imported = csv(tenant.adminKey()).queryParam("spreadsheet", "en-US").body(bytes).post("/cost/imports").then();
            imported.statusCode(201).body("rows", equalTo(outcome[0]));
            Number effectiveCost = imported.extract().path("effectiveCost"); // 1200 is an integer to JSON path, 1230.00 is not
            org.junit.jupiter.api.Assertions.assertEquals((Double) outcome[1], effectiveCost.doubleValue(), 1e-9, file.getKey());
            if (outcome.length == 3) {
                imported.body("unlistedServiceCategories.Database", equalTo(outcome[2]));
            } else {
                imported.body("unlistedServiceCategories", equalTo(Map.of()));
            }
        }
        csv(tenant.adminKey()).queryParam("spreadsheet", "de-DE").body("x".getBytes(StandardCharsets.UTF_8)).post("/cost/imports")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].message", containsString("en-US"));
    }

    /**
     * The FinOps Foundation's FOCUS 1.0 sample export (focus/public/finops-sample/README.md): anonymised AWS, Microsoft
     * and Oracle exports as they write them, quoted values, NULL, space-separated date-times.
     */
    @Test
    void the_finops_foundations_focus_1_0_sample_export_imports_as_exported() throws Exception {
        Tenant tenant = newTenant();
        byte[] bytes;
        try (java.io.InputStream in = CostIT.class.getResourceAsStream("/focus/public/finops-sample/focus_sample.csv")) {
            bytes = in.readAllBytes();
        }
        csv(tenant.adminKey()).body(bytes).post("/cost/imports").then().statusCode(201)
                .body("rows", equalTo(1000)).body("focusVersion", equalTo("1.0"))
                .body("effectiveCost", closeTo(14.97651418586, 1e-11)).body("unlistedServiceCategories", equalTo(Map.of()));
        var providers = as(tenant.adminKey()).queryParam("by", "provider").queryParam("from", "2024-09").queryParam("to", "2024-09")
                .get("/cost/breakdown").then().statusCode(200);
        providers.body("items.key", containsInAnyOrder("AWS", "Microsoft", "Oracle"));
        Map<String, Integer> rows = new java.util.HashMap<>();
        for (Map<String, Object> item : providers.extract().jsonPath().<Map<String, Object>>getList("items")) {
            rows.put((String) item.get("key"), (Integer) item.get("rows"));
        }
        assertEquals(Map.of("AWS", 942, "Microsoft", 51, "Oracle", 7), rows);
        String month = as(tenant.adminKey()).queryParam("by", "month").queryParam("from", "2024-09").queryParam("to", "2024-09")
                .get("/cost/breakdown").then().statusCode(200).body("items", hasSize(1)).body("items[0].currency", equalTo("USD"))
                .extract().asString();
        // read as decimals: the test client's default reads JSON numbers as floats, 7 digits
        var exact = io.restassured.path.json.JsonPath.with(month).using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertEquals(0, new java.math.BigDecimal("20.52022672899").compareTo(exact.getObject("items[0].billedCost", java.math.BigDecimal.class)), month);
        assertEquals(0, new java.math.BigDecimal("14.97651418586").compareTo(exact.getObject("items[0].effectiveCost", java.math.BigDecimal.class)), month);
    }

    /** The FOCUS specification's own example files (see focus/public/README.md), each with its outcome. */
    @Test
    void focus_specification_examples_import_as_published() throws Exception {
        Tenant tenant = newTenant();
        Map<String, Object[]> expected = new java.util.LinkedHashMap<>();
        expected.put("commitment_discount_purchase_scenario_1.csv", new Object[] {1, 0.00});
        expected.put("commitment_discount_purchase_scenario_2.csv", new Object[] {"row 4: ChargePeriodEnd"});
        expected.put("commitment_discount_purchase_scenario_3.csv", new Object[] {"row 5: ChargePeriodEnd"});
        expected.put("commitment_discount_usage_scenario_1.csv", new Object[] {1, 1.00});
        expected.put("commitment_discount_usage_scenario_2.csv", new Object[] {1, 1.00});
        expected.put("commitment_discount_usage_scenario_3.csv", new Object[] {2, 1.00});
        expected.put("commitment_discount_usage_scenario_4.csv", new Object[] {2, 1.50});
        expected.put("one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv", new Object[] {3, 2.75});
        expected.put("one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv", new Object[] {3, 2.00});
        expected.put("one_hundred_percent_utilization_without_commitment_discount_flexibility.csv", new Object[] {2, 1.50});
        expected.put("zero_percent_utilization_without_commitment_discount_flexibility.csv", new Object[] {3, 3.50});
        for (Map.Entry<String, Object[]> file : expected.entrySet()) {
            byte[] bytes;
            try (java.io.InputStream in = CostIT.class.getResourceAsStream("/focus/public/" + file.getKey())) {
                bytes = in.readAllBytes();
            }
            Object[] outcome = file.getValue();
            if (outcome.length == 1) {
                csv(tenant.adminKey()).queryParam("currency", "USD").body(bytes).post("/cost/imports").then().statusCode(400)
                        .contentType(PROBLEM_JSON).body("errors.field", contains(outcome[0]))
                        .body("errors[0].message", startsWith("is not an ISO-8601 date-time"));
                continue;
            }
            csv(tenant.adminKey()).queryParam("currency", "USD").body(bytes).post("/cost/imports").then().statusCode(201)
                    .body("rows", equalTo(outcome[0])).body("effectiveCost", closeTo((Double) outcome[1], 1e-9))
                    .body("currencyGiven", equalTo("USD")).body("focusVersion", equalTo("1.1"))
                    .body("absentColumns", hasItem("BillingCurrency")).body("absentColumns", hasItem("ServiceName"));
        }
        // The purchase is billed once; its cost reaches EffectiveCost only through the amortised usage rows.
        as(tenant.adminKey()).queryParam("by", "month").queryParam("from", "2023-01").queryParam("to", "2023-01")
                .get("/cost/breakdown").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].currency", equalTo("USD"))
                .body("items[0].effectiveCost", closeTo(14.25, 1e-9)).body("items[0].billedCost", closeTo(8770.25, 1e-9));
        as(tenant.adminKey()).queryParam("by", "provider").queryParam("from", "2023-01").queryParam("to", "2023-01")
                .get("/cost/breakdown").then().statusCode(200).body("items.label", contains("(not in the files)"));

        // Without a currency, a file without BillingCurrency is refused, naming the column and the way out.
        byte[] noCurrency;
        try (java.io.InputStream in = CostIT.class.getResourceAsStream("/focus/public/commitment_discount_usage_scenario_1.csv")) {
            noCurrency = in.readAllBytes();
        }
        csv(tenant.adminKey()).body(noCurrency).post("/cost/imports").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.message", contains("missing column BillingCurrency")).body("detail", containsString("currency="));
        csv(tenant.adminKey()).queryParam("currency", "usd").body(noCurrency).post("/cost/imports").then().statusCode(400)
                .contentType(PROBLEM_JSON);
        // A header without what cannot be done without names each such column.
        csv(tenant.adminKey()).queryParam("currency", "USD").body("BilledCost,ChargeCategory\n1.00,Usage\n").post("/cost/imports")
                .then().statusCode(400).body("errors.message", containsInAnyOrder("missing column EffectiveCost",
                        "missing column ChargePeriodStart", "missing column ChargePeriodEnd", "missing column BillingPeriodStart",
                        "missing column BillingPeriodEnd"));
    }

    /**
     * The spellings real exports use: a space for the T, milliseconds, a trailing " UTC", no zone; NULL for empty; a
     * provider's x_ columns (kept as tags, so a TAG mapping can use them); FOCUS 1.3's ServiceProviderName. Only what is
     * truly wrong is refused, by row and column.
     */
    @Test
    void provider_spellings_of_date_times_nulls_and_extension_columns_import() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "ledger");
        as(tenant.adminKey()).body(Map.of("kind", "TAG", "tagKey", "x_Application")).put("/cost/mapping").then().statusCode(200);
        String header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,"
                + "BillingCurrency,ServiceProviderName,ServiceName,InvoiceId,x_Application\n";
        String file = header
                + "2024-10-01 00:00:00,2024-11-01 00:00:00,2024-10-01 00:00:00,2024-10-02 00:00:00,Usage,1.25,1.00,USD,Acme Cloud,Compute,NULL,ledger\n"
                + "2024-10-01T00:00:00.000Z,2024-11-01T00:00:00.000Z,2024-10-02T00:00:00.000Z,2024-10-03T00:00:00.000Z,Usage,2.00,2.00,USD,Acme Cloud,NULL,inv-1,ledger\n"
                + "2024-10-01 00:00:00 UTC,2024-11-01 00:00:00 UTC,2024-10-03T00:00:00,2024-10-04T00:00:00,Tax,0.25,0.25,USD,Acme Cloud,NULL,inv-1,NULL\n";
        csv(tenant.adminKey()).body(file).post("/cost/imports").then().statusCode(201)
                .body("rows", equalTo(3)).body("unallocatedRows", equalTo(1)).body("effectiveCost", closeTo(3.25, 1e-9))
                .body("firstChargeAt", equalTo("2024-10-01T00:00:00Z")).body("lastChargeAt", equalTo("2024-10-04T00:00:00Z"))
                .body("focusVersion", equalTo("1.2")).body("absentColumns", not(hasItem("ProviderName")));
        as(tenant.adminKey()).queryParam("by", "provider").queryParam("from", "2024-10").queryParam("to", "2024-10")
                .get("/cost/breakdown").then().statusCode(200).body("items.key", contains("Acme Cloud"));
        as(tenant.adminKey()).queryParam("by", "service").queryParam("from", "2024-10").queryParam("to", "2024-10")
                .get("/cost/breakdown").then().statusCode(200).body("items.find { it.label == 'Service ledger' }.effectiveCost", closeTo(3.0, 1e-9));

        String wrong = header
                + "2024-10-01,2024-11-01,2024-10-05T00:00:00Z,2024-10-04T00:00:00Z,Usage,1.00,1.00,USD,Acme Cloud,Compute,,ledger\n"
                + "2024-10-01,2024-11-01,2024-10-05T00:00:00Z,2024-10-06T00:00:00Z,Usage,one,1.00,USD,Acme Cloud,Compute,,ledger\n";
        csv(tenant.adminKey()).body(wrong).post("/cost/imports").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", containsInAnyOrder("row 2: ChargePeriodEnd", "row 3: BilledCost"));
    }
}
