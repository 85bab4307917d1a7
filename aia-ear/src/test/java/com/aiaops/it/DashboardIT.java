package com.aiaops.it;

import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: headless Chromium (the system's, Debian's chromium and chromium-driver, which the
 * build's browser set-up installs) driven by Selenium. A person signs in, sees the scorecard, opens a service and its
 * charts with data, acknowledges and resolves an incident and writes its postmortem, switches organisation; the pages
 * load nothing from anywhere but the application. Screenshots of the main pages go to target/screenshots.
 */
class DashboardIT extends ApiIT {
    private static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void browser() throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * A screenshot for the documentation. Chromedriver gives up on a renderer that does not answer within 10 s, which a
     * loaded CI machine can cause while the page is already complete; the capture is then asked for again after the next
     * painted frame, and the third refusal fails the test.
     */
    private static void screenshot(String name) throws Exception {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.scrollTo(0, 0)");
        for (int attempt = 1; ; attempt++) {
            try {
                Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (org.openqa.selenium.TimeoutException renderer) {
                if (attempt == 3) {
                    throw renderer;
                }
                script.executeAsyncScript("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => done(true));");
            }
        }
    }

    private static WebElement heading(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//main//h1[normalize-space()='" + text + "']")));
    }

    private static void signIn(Tenant tenant) {
        signIn(tenant.email(), tenant.password());
    }

    private static void signIn(String email, String password) {
        browser.manage().deleteAllCookies();
        browser.get(BASE + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        heading("Overview");
    }

    @Test
    void a_person_signs_in_opens_a_service_with_charts_and_acknowledges_resolves_and_writes_up_an_incident() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "checkout");
        recordDeliveryAndCost(tenant, serviceId); // before the SLO, whose spent budget would freeze releases
        as(issueKey(tenant, "INGEST")).body(batch(spread("checkout", Instant.now().minus(Duration.ofMinutes(50)), 45, 900, 12, 80)))
                .post("/telemetry/observations").then().statusCode(200);
        as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "checkout-availability", "indicator", "AVAILABILITY", "targetPercent", 99.0,
                "window", "30d")).post("/slos").then().statusCode(201);
        // An alert fires into the incident the person will acknowledge, resolve and write up: checkout's home page answers 500.
        String incidentId;
        try (Receiver site = new Receiver()) {
            site.status.set(500);
            String check = as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "name", "checkout-home", "url", site.url(),
                    "intervalSeconds", 60, "enabled", false)).post("/checks").then().statusCode(201).extract().path("id");
            String rule = as(tenant.adminKey()).body(Map.of("name", "checkout-down", "kind", "CHECK_DOWN", "checkId", check,
                    "incidentSeverity", "P2")).post("/alert-rules").then().statusCode(201).extract().path("id");
            as(tenant.adminKey()).post("/checks/" + check + "/runs").then().statusCode(200).body("up", equalTo(false));
            incidentId = as(tenant.adminKey()).post("/alert-rules/" + rule + "/evaluations").then().statusCode(200)
                    .body("alert.state", equalTo("FIRING")).extract().path("alert.incidentId");
        }
        String incidentTitle = as(tenant.adminKey()).get("/incidents/" + incidentId).then().statusCode(200).extract().path("title");

        // A wrong password is refused on the page, the right one lands on the overview with the scorecard.
        browser.manage().deleteAllCookies();
        browser.get(BASE + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(tenant.email());
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"), "wrong"));
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(tenant.password());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        heading("Overview");
        assertTrue(browser.findElement(By.cssSelector("[data-testid=grade]")).getText().matches("A\\+|A|B|C|D|F"));
        assertTrue(browser.findElement(By.id("main")).getText().contains(incidentTitle), "the open incident needs attention");
        assertTrue(browser.findElement(By.id("main")).getText().contains("checkout-down"), "the firing alert needs attention");
        screenshot("overview");

        // The service: its charts are drawn with data.
        browser.findElement(By.linkText("Services")).click();
        heading("Services");
        browser.findElement(By.linkText("Service checkout")).click();
        heading("Service checkout");
        // The last hour, by the minute.
        new Select(browser.findElement(By.id("window"))).selectByVisibleText("1h");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=summary]"), "last 1h"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-points]")));
        List<WebElement> charts = browser.findElements(By.cssSelector("canvas[data-points]"));
        assertTrue(charts.size() >= 4, "request rate, error rate, latency and the burn-down: " + charts.size());
        long drawn = (Long) ((JavascriptExecutor) browser).executeScript(
                "const c = Chart.getChart(document.querySelector('canvas'));"
                        + "return c ? c.data.datasets[0].data.filter(v => v !== null && v > 0).length : 0;");
        assertTrue(drawn > 10, "points of the request-rate chart: " + drawn);
        long latencyPoints = (Long) ((JavascriptExecutor) browser).executeScript(
                "const c = Chart.getChart(document.querySelectorAll('canvas')[2]);"
                        + "return c ? c.data.datasets[2].data.filter(v => v !== null && v > 0).length : 0;");
        assertTrue(latencyPoints > 10, "points of the p99 latency line: " + latencyPoints);
        // 900 requests sent, and the check's run, which counts as one (failed) request of the service.
        String summary = browser.findElement(By.cssSelector("[data-testid=summary]")).getText();
        assertTrue(summary.contains("901 requests"), summary);
        screenshot("service");

        // The incident: acknowledge, resolve, write the postmortem.
        browser.findElement(By.linkText("Incidents")).click();
        heading("Incidents");
        String onCall = browser.findElement(By.id("main")).getText();
        assertTrue(onCall.contains("primary") && onCall.contains("Bob Oncall") && onCall.contains("Founder of " + tenant.slug()),
                "who is on call now and next, by name: " + onCall);
        screenshot("incidents");
        // The server filters the list: the open P2 is there, and gone among the closed ones.
        new Select(browser.findElement(By.id("filter-status"))).selectByVisibleText("resolved or closed");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText(incidentTitle)));
        new Select(browser.findElement(By.id("filter-status"))).selectByVisibleText("open");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText(incidentTitle)));
        new Select(browser.findElement(By.id("filter-severity"))).selectByVisibleText("P0");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText(incidentTitle)));
        new Select(browser.findElement(By.id("filter-severity"))).selectByVisibleText("any");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(incidentTitle))).click();
        heading(incidentTitle);
        browser.findElement(By.xpath("//button[normalize-space()='Acknowledge']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=incident-state]"), "ACKNOWLEDGED"));
        browser.findElement(By.xpath("//button[normalize-space()='Resolve']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=incident-state]"), "RESOLVED"));
        browser.findElement(By.id("pm-summary")).sendKeys("A bad deploy of checkout; rolled back.");
        browser.findElement(By.id("pm-rootCause")).sendKeys("A missing database index.");
        browser.findElement(By.xpath("//button[normalize-space()='Write the postmortem']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[normalize-space()='Save the postmortem']")));
        // A commander named, and an action item for Bob.
        new Select(browser.findElement(By.id("role-COMMANDER"))).selectByVisibleText("Bob Oncall");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//table[caption='Roles']//tr[td='commander']"), "Bob Oncall"));
        type("item-title", "Add the missing index to the migration checks");
        new Select(browser.findElement(By.id("item-ownerId"))).selectByVisibleText("Bob Oncall");
        click("Add the action item");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Action items']//td[normalize-space()='Add the missing index to the migration checks']")));
        accessible("Incident with its postmortem");
        screenshot("incident");
        as(tenant.adminKey()).get("/incidents/" + incidentId).then().statusCode(200).body("state", equalTo("RESOLVED"));
        as(tenant.adminKey()).get("/incidents/" + incidentId + "/timeline").then().body(containsString("ACKNOWLEDGED"));
        as(tenant.adminKey()).get("/incidents/" + incidentId + "/postmortem").then().statusCode(200)
                .body("summary", equalTo("A bad deploy of checkout; rolled back."));

        for (String[] pageAndTitle : List.of(new String[] {"Delivery", "delivery"}, new String[] {"Cost", "cost"},
                new String[] {"Backups & reports", "backups"})) {
            browser.findElement(By.linkText(pageAndTitle[0])).click();
            heading(pageAndTitle[0].equals("Backups & reports") ? "Backups and reports" : pageAndTitle[0]);
            screenshot(pageAndTitle[1]);
        }
        browser.findElement(By.linkText("Cost")).click();
        heading("Cost");
        assertTrue(browser.findElement(By.id("main")).getText().contains("checkout-budget"), "the budget is listed");
        browser.findElement(By.linkText("Delivery")).click();
        heading("Delivery");
        assertTrue(browser.findElement(By.id("main")).getText().contains("Deployment frequency"));
        // The latest recorded first, asked of the API in that order (not the oldest page reversed).
        List<WebElement> deploymentRows = browser.findElements(By.xpath("//table[caption='Deployments']/tbody/tr"));
        assertEquals(3, deploymentRows.size());
        assertTrue(deploymentRows.get(0).getText().contains("v1.2") && deploymentRows.get(2).getText().contains("v1.0"),
                deploymentRows.get(0).getText());
    }

    /** Three production deployments, a month and a half of cost, and a budget: so the delivery and cost pages have something to show. */
    private static void recordDeliveryAndCost(Tenant tenant, String serviceId) {
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            Instant finished = now.minus(Duration.ofDays(i * 2L + 1));
            as(tenant.adminKey()).body(Map.of("serviceId", serviceId, "version", "v1." + i, "environment", "production",
                    "commits", List.of(Map.of("sha", "a1b2c3d" + i, "committedAt", finished.minus(Duration.ofHours(5)).toString())),
                    "startedAt", finished.minusSeconds(300).toString(), "finishedAt", finished.toString(), "result", "SUCCESS"))
                    .post("/deployments").then().statusCode(201);
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        List<String> rows = new java.util.ArrayList<>();
        for (int d = 1; d <= today.getDayOfMonth(); d++) {
            rows.add(CostIT.row(today.withDayOfMonth(d), "12.50", "Compute", "Virtual Machines", "checkout", "acme"));
        }
        java.time.YearMonth previous = java.time.YearMonth.from(today).minusMonths(1);
        rows.add(CostIT.row(previous.atDay(5), "300.00", "Compute", "Virtual Machines", "checkout", "acme"));
        rows.add(CostIT.row(previous.atDay(6), "80.00", "Storage", "Object Storage", "checkout", "globex"));
        CostIT.csv(tenant.adminKey()).body(CostIT.file(rows)).post("/cost/imports").then().statusCode(201);
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String bob = as(tenant.adminKey()).body(Map.of("email", unique("bob") + "@example.test", "displayName", "Bob Oncall", "role", "OPERATOR",
                "password", "a long enough password")).post("/members").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("name", "primary", "timeZone", "UTC", "firstHandoff", "2026-01-05T09:00:00", "turnLength", 1,
                "turnUnit", "DAYS", "members", List.of(founder, bob))).post("/schedules").then().statusCode(201);
        as(tenant.adminKey()).body(Map.of("name", "checkout-budget", "scope", "SERVICE", "serviceId", serviceId, "monthlyAmount", 300,
                "currency", "USD")).post("/cost/budgets").then().log().ifValidationFails().statusCode(201);
    }

    /** axe-core's verdict on the page as it is: no serious or critical violation (WCAG 2.1 A and AA rules). */
    private static void accessible(String page) {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        List<String> grave = results.getViolations().stream().filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .toList();
        assertTrue(grave.isEmpty(), page + ": " + grave);
    }

    private static void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    private static void click(String button) {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//main//button[normalize-space()=\"" + button + "\"]"))).click();
    }

    private static void seen(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), text));
    }

    @Test
    void a_team_configures_slos_members_keys_schedules_and_escalation_in_the_browser() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        signIn(tenant);
        accessible("overview");

        // A service registered in the catalog (a slug with capitals refused at its field first).
        browser.findElement(By.linkText("Services")).click();
        heading("Services");
        type("service-slug", "Payments");
        type("service-displayName", "Payments");
        type("service-ownerTeam", "payments-team");
        click("Register the service");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//input[@id='service-slug']/following-sibling::span[@class='field-error']")));
        type("service-slug", "payments");
        click("Register the service");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Payments")));
        accessible("Services");

        // An SLO: the budget preview follows the form; a bad name is refused at its field, then the SLO is defined.
        browser.findElement(By.linkText("SLOs")).click();
        heading("SLOs");
        type("targetPercent", "99.9");
        type("window", "28d");
        seen("Error budget: 40.3 minutes of full outage in 28d");
        type("window", "1M");
        seen("about 43.2 minutes");
        type("window", "28d");
        type("name", "Checkout Availability!");
        click("Define the SLO");
        WebElement nameError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
        assertTrue(nameError.getText().contains("lowercase"), nameError.getText());
        assertEquals("true", browser.findElement(By.id("name")).getAttribute("aria-invalid"));
        assertEquals("name-hint name-error", browser.findElement(By.id("name")).getAttribute("aria-describedby"));
        type("name", "checkout-availability");
        click("Define the SLO");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='checkout-availability']")));
        seen("NO_DATA");
        accessible("SLOs");
        screenshot("slos");
        as(tenant.adminKey()).get("/slos").then().body("items[0].name", equalTo("checkout-availability"))
                .body("items[0].target", equalTo(0.999)).body("items[0].window", equalTo("28d"));

        // A member, then an API key: its secret shown once, then revoked.
        browser.findElement(By.linkText("Access")).click();
        heading("Access");
        String bobEmail = unique("bob") + "@example.test";
        type("member-email", bobEmail);
        type("member-displayName", "Bob Oncall");
        new Select(browser.findElement(By.id("member-role"))).selectByVisibleText("OPERATOR");
        type("member-password", "short");
        click("Add the member");
        seen("12 to 128 characters");
        type("member-password", "a long enough password");
        click("Add the member");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='" + bobEmail + "']")));
        type("key-name", "grafana-scrape");
        click("Issue the key");
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=secret]"))).getText();
        as(secret).get("/services").then().statusCode(200);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Revoke grafana-scrape']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=key-status-grafana-scrape]"), "REVOKED"));
        as(secret).get("/services").then().statusCode(401);
        accessible("Access");
        screenshot("access");

        // A schedule of the two, and an escalation policy that pages it first and the founder after 10 minutes.
        browser.findElement(By.linkText("On call")).click();
        heading("On call");
        type("schedule-name", "primary");
        new Select(browser.findElement(By.id("schedule-timeZone"))).selectByVisibleText("Europe/Berlin");
        for (WebElement box : browser.findElements(By.cssSelector("fieldset input[type=checkbox]"))) {
            box.click();
        }
        click("Define the schedule");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='primary']")));
        // Its calendar: the next 14 days of weekly turns in Berlin time, the two members taking turns.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//table[caption='Shifts, in Europe/Berlin']"), "Bob Oncall"));
        String shifts = browser.findElement(By.xpath("//table[caption='Shifts, in Europe/Berlin']")).getText();
        assertTrue(shifts.contains("Founder of " + tenant.slug()) && shifts.contains("09:00"), shifts);
        type("policy-name", "checkout-pages");
        new Select(browser.findElement(By.id("step-0-target"))).selectByVisibleText("Schedule primary");
        click("Add a step");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("step-1-target")))).selectByVisibleText("Founder of " + tenant.slug());
        type("step-1-delay", "0");
        click("Define the policy");
        seen("must be greater than or equal to 1");
        type("step-1-delay", "10");
        click("Define the policy");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='checkout-pages']")));
        accessible("On call");
        screenshot("on-call");
        // An incident declared under that policy, with a public update on its timeline.
        browser.findElement(By.linkText("Incidents")).click();
        heading("Incidents");
        type("incident-title", "Checkout slow for EU customers");
        browser.findElement(By.xpath("//fieldset[legend='Services affected']//input")).click();
        new Select(browser.findElement(By.id("incident-severity"))).selectByVisibleText("P1");
        new Select(browser.findElement(By.id("incident-policy"))).selectByVisibleText("checkout-pages");
        click("Declare the incident");
        heading("Checkout slow for EU customers");
        type("note-text", "We are rolling back the last release.");
        browser.findElement(By.id("note-public")).click();
        click("Add the note");
        seen("We are rolling back the last release.");
        accessible("Incident");
        String declared = as(tenant.adminKey()).get("/incidents").then().body("items[0].severity", equalTo("P1"))
                .body("items[0].escalationPolicyId", org.hamcrest.Matchers.notNullValue()).extract().path("items[0].id");
        as(tenant.adminKey()).get("/incidents/" + declared + "/timeline").then()
                .body("items.find { it.text == 'We are rolling back the last release.' }.publicUpdate", equalTo(true));
        as(tenant.adminKey()).get("/escalation-policies").then().body("items[0].steps", org.hamcrest.Matchers.hasSize(2))
                .body("items[0].steps[0].targets[0].type", equalTo("SCHEDULE"));
        as(tenant.adminKey()).get("/schedules").then().body("items[0].timeZone", equalTo("Europe/Berlin"))
                .body("items[0].members", org.hamcrest.Matchers.hasSize(2)).body("items[0].onCallNow", org.hamcrest.Matchers.notNullValue());
    }

    /** A report is written from the browser and its job watched to the end; an operator starts a backup and a restore drill. */
    @Test
    void reports_backups_and_restore_drills_are_started_from_the_browser() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        signIn(tenant);
        browser.findElement(By.linkText("Backups & reports")).click();
        heading("Backups and reports");
        seen("Backups are kept by the platform operators");
        type("report-period", "2026-1");
        click("Write the report");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#report-period[aria-invalid=true]")));
        type("report-period", java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1).toString());
        click("Write the report");
        WebDriverWait job = new WebDriverWait(browser, Duration.ofSeconds(120));
        job.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid^=job-]"), "COMPLETED"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Reports']//td[normalize-space()='SLA_MONTHLY']")));
        accessible("Backups and reports, a report written");
        as(tenant.adminKey()).get("/reports").then().body("items[0].kind", equalTo("SLA_MONTHLY"));

        // The platform's operators see backups: one taken now, then a restore drill of it.
        operatorKey(); // the operators' organisation and its founder exist
        signIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        browser.findElement(By.linkText("Backups & reports")).click();
        heading("Backups and reports");
        click("Start a full backup");
        job.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid^=job-]"), "COMPLETED"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Backups']//a[normalize-space()='zip']")));
        click("Run a restore drill");
        job.until(ExpectedConditions.numberOfElementsToBe(By.xpath("//*[starts-with(@data-testid,'job-')][normalize-space()='COMPLETED']"), 2));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Restore drills and restores']//td[normalize-space()='DRILL']")));
        accessible("Backups and reports, as an operator");
        screenshot("backups-operator");
    }

    /** An admin invites a person in the browser; the person follows the link, signed out, chooses a password and is in. */
    @Test
    void a_member_is_invited_in_the_browser_and_joins_by_the_link() throws Exception {
        Tenant tenant = newTenant();
        signIn(tenant);
        browser.findElement(By.linkText("Access")).click();
        heading("Access");
        type("invite-email", "not an address");
        click("Send the invitation");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#invite-email[aria-invalid=true]")));
        String carol = unique("carol") + "@example.test";
        type("invite-email", carol);
        new Select(browser.findElement(By.id("invite-role"))).selectByVisibleText("OPERATOR");
        click("Send the invitation");
        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=invitation-url]"))).getText();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Invitations not yet accepted']//td[normalize-space()='"
                + carol + "']")));
        accessible("Access, an invitation sent");

        // The person invited, signed out, follows the link.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        browser.get(link);
        heading("Join Org " + tenant.slug());
        seen("as OPERATOR");
        accessible("Joining by an invitation");
        type("accept-displayName", "Carol New");
        type("accept-password", "short");
        click("Join Org " + tenant.slug());
        seen("12 to 128 characters");
        type("accept-password", "a long enough password");
        click("Join Org " + tenant.slug());
        heading("Overview");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account"), "Carol New"));
        as(tenant.adminKey()).get("/members").then().body("items.find { it.email == '" + carol + "' }.role", equalTo("OPERATOR"));

        // The link is used up.
        browser.get(link);
        seen("not valid any more");

        // The admin makes Carol a viewer, then removes her (asked to confirm first).
        signIn(tenant);
        browser.findElement(By.linkText("Access")).click();
        heading("Access");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='role-" + carol + "']"))))
                .selectByVisibleText("VIEWER");
        eventually(Duration.ofSeconds(20), () -> as(tenant.adminKey()).get("/members").then()
                .body("items.find { it.email == '" + carol + "' }.role", equalTo("VIEWER")));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Remove Carol New']"))).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button[aria-label='Remove Carol New']")));
        as(tenant.adminKey()).get("/members").then().body("items.email", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(carol)));
    }

    @Test
    void a_team_connects_pagerduty_teams_a_heartbeat_an_alert_rule_and_a_calendar_feed_in_the_browser() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        as(tenant.adminKey()).body(Map.of("name", "primary", "timeZone", "UTC", "firstHandoff", "2026-01-05T09:00:00", "turnLength", 1,
                "turnUnit", "WEEKS", "members", List.of(founder))).post("/schedules").then().statusCode(201);
        try (Receiver pagerDuty = new Receiver(); Receiver teams = new Receiver()) {
            signIn(tenant);
            browser.findElement(By.linkText("Alerting")).click();
            heading("Alerting");

            // PagerDuty: the routing key is asked for once the type is chosen, and checked at its field.
            type("channel-name", "pagerduty");
            new Select(browser.findElement(By.id("channel-type"))).selectByVisibleText("PagerDuty");
            type("channel-target", pagerDuty.url());
            type("channel-credential", "not-a-routing-key");
            click("Define the channel");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//input[@id='channel-credential']/following-sibling::span[@class='field-error']")));
            type("channel-credential", "e93facc04764012d7bfb002500d5d1a6");
            click("Define the channel");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='pagerduty']")));
            type("channel-name", "teams");
            new Select(browser.findElement(By.id("channel-type"))).selectByVisibleText("Microsoft Teams");
            type("channel-target", teams.url());
            click("Define the channel");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='teams']")));

            // Send a test to each: the vendors' receivers get it, and the delivery history says so.
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Send a test to pagerduty']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Send a test to teams']"))).click();
            eventually(Duration.ofSeconds(30), () -> assertTrue(pagerDuty.accepted().size() == 1 && teams.accepted().size() == 1));
            assertTrue(new String(pagerDuty.accepted().get(0).body(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("\"routing_key\":\"e93facc04764012d7bfb002500d5d1a6\""));
            eventually(Duration.ofSeconds(10), () -> {
                browser.findElement(By.cssSelector("button[aria-label='Deliveries of pagerduty']")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=delivery-state]"), "DELIVERED"));
            });

            // A heartbeat: its address shown once; a beat makes it up.
            new Select(browser.findElement(By.id("check-kind"))).selectByVisibleText("HEARTBEAT");
            type("check-name", "nightly-export");
            type("check-intervalSeconds", "3600");
            click("Define the check");
            String beat = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=secret]"))).getText();
            assertTrue(beat.contains("/api/v1/heartbeats/"), beat);
            RestAssured.given().post(beat).then().statusCode(200);
            String check = as(tenant.adminKey()).get("/checks").then().body("items[0].status", equalTo("UP")).extract().path("items[0].id");

            // A rule paging when that check is down, to PagerDuty.
            type("rule-name", "export-missed");
            new Select(browser.findElement(By.id("rule-kind"))).selectByVisibleText("CHECK_DOWN");
            new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("rule-checkId")))).selectByVisibleText("nightly-export");
            browser.findElement(By.xpath("//fieldset[legend='Channels']//label[normalize-space()='pagerduty']/input")).click();
            click("Define the rule");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//td[normalize-space()='export-missed']")));
            as(tenant.adminKey()).get("/alert-rules").then().body("items[0].checkId", equalTo(check))
                    .body("items[0].channelIds", org.hamcrest.Matchers.hasSize(1));
            accessible("Alerting");
            screenshot("alerting");

            // On call: a calendar feed of the schedule, its address shown once and readable by a calendar.
            browser.findElement(By.linkText("On call")).click();
            heading("On call");
            click("Create a calendar feed");
            String feed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=feed-url]"))).getText();
            RestAssured.given().get(feed).then().statusCode(200)
                    .contentType(containsString("text/calendar")).body(containsString("BEGIN:VCALENDAR"));
            accessible("On call with a feed");

            // Integrations in: an Alertmanager receiver, its configuration to paste into alertmanager.yml shown once.
            browser.findElement(By.linkText("Integrations")).click();
            heading("Integrations");
            type("integration-name", "prod-alertmanager");
            click("Connect");
            String snippet = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=sender-configuration]"))).getText();
            assertTrue(snippet.contains("webhook_configs:") && snippet.contains("/api/v1/inbound/alertmanager") && snippet.contains("credentials: "), snippet);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Integrations']//td[normalize-space()='prod-alertmanager']")));
            accessible("Integrations");
            screenshot("integrations");
        }
    }

    @Test
    void a_cost_file_with_a_bad_row_shows_that_row_then_the_file_imports_and_a_budget_is_defined() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1);
        Path bad = Files.createTempFile("focus-bad", ".csv");
        Files.writeString(bad, CostIT.file(List.of(CostIT.row(day, "12.50", "Compute", "Virtual Machines", "checkout", null),
                CostIT.row(day.plusDays(1), "twelve", "Compute", "Virtual Machines", "checkout", null))));
        Path good = Files.createTempFile("focus-good", ".csv");
        Files.writeString(good, CostIT.file(List.of(CostIT.row(day, "12.50", "Compute", "Virtual Machines", "checkout", null),
                CostIT.row(day.plusDays(1), "13.25", "Compute", "Virtual Machines", "checkout", null))));
        signIn(tenant);
        browser.findElement(By.linkText("Cost")).click();
        heading("Cost");
        browser.findElement(By.linkText("Import a FOCUS file, define budgets")).click();
        heading("Cost files and budgets");
        browser.findElement(By.id("focus-file")).sendKeys(bad.toString());
        click("Import");
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=refused-row]")));
        assertEquals("3", refused.getText());
        assertTrue(browser.findElement(By.xpath("//table[caption='Rows refused']")).getText().contains("BilledCost"));
        accessible("Cost files with a refused row");
        browser.findElement(By.id("focus-file")).sendKeys(good.toString());
        click("Import");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=import-result]"), "Imported 2 rows"));
        type("budget-name", "everything");
        type("budget-monthlyAmount", "not a number");
        click("Define the budget");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error, .field-error")));
        type("budget-monthlyAmount", "800");
        click("Define the budget");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Budgets']//td[normalize-space()='everything']")));
        accessible("Cost files and budgets");
        screenshot("cost-setup");
        as(tenant.adminKey()).get("/cost/budgets").then().body("items[0].name", equalTo("everything"));

        // A deployment recorded (a malformed commit id refused at its field first) and a Trivy report uploaded.
        browser.findElement(By.linkText("Delivery")).click();
        heading("Delivery");
        browser.findElement(By.linkText("Record a deployment, upload a scanner's report")).click();
        heading("Deployments and scans");
        type("release-version", "v2.0.0");
        type("release-commit", "not-hex");
        click("Record the deployment");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
        type("release-commit", "a1b2c3d4e5");
        click("Record the deployment");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=recorded]"), "Deployment v2.0.0 to production recorded"));
        Path trivy = Files.createTempFile("trivy", ".json");
        Files.writeString(trivy, "{\"SchemaVersion\": 2, \"ArtifactName\": \"checkout:2.0.0\", \"Results\": [{\"Target\": \"checkout:2.0.0\", "
                + "\"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-2024-3094\", \"PkgName\": \"xz-utils\", \"Severity\": \"CRITICAL\"}]}]}");
        browser.findElement(By.id("scan-file")).sendKeys(trivy.toString());
        click("Upload");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=scan-result]"), "1 vulnerabilities listed: 1 newly open"));
        accessible("Deployments and scans");
        as(tenant.adminKey()).get("/deployments").then().body("items[0].version", equalTo("v2.0.0"))
                .body("items[0].commits[0].sha", equalTo("a1b2c3d4e5"));
        as(tenant.adminKey()).get("/security/summary").then().body("open", equalTo(1));
    }

    @Test
    void the_status_page_gets_a_component_and_announced_maintenance_in_the_browser() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "checkout");
        signIn(tenant);
        browser.findElement(By.linkText("Status page")).click();
        heading("Status page");
        type("component-name", "Checkout");
        click("Add the component");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Components']//td[normalize-space()='Checkout']")));
        type("window-title", "Database upgrade");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String setLocal = "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));";
        java.time.LocalDateTime start = java.time.LocalDateTime.now().plusDays(2).withHour(2).withMinute(0).withSecond(0).withNano(0);
        js.executeScript(setLocal, browser.findElement(By.id("window-startsAt")), start.toString());
        js.executeScript(setLocal, browser.findElement(By.id("window-endsAt")), start.plusHours(1).toString());
        new Select(browser.findElement(By.id("window-recurrence"))).selectByVisibleText("weekly");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("window-timeZone")))).selectByVisibleText("Europe/Berlin");
        click("Announce");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table[caption='Maintenance windows']//td[normalize-space()='Database upgrade']")));
        seen("weekly (Europe/Berlin)");
        // A visitor subscribes with the public page's own form (no script there); the subscriber is listed, not yet
        // confirmed, and can be removed.
        browser.get(BASE + "/status/" + tenant.slug());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("subscribe-email"))).sendKeys("visitor@example.test");
        browser.findElement(By.xpath("//button[normalize-space()='Subscribe']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[normalize-space()='Almost there']")));
        browser.get(BASE + "/#/status-page");
        heading("Status page");
        seen("visitor@example.test");
        seen("not yet (e-mail sent)");
        accessible("Status page");
        screenshot("status-page");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Remove visitor@example.test']"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//td[normalize-space()='visitor@example.test']")));
        as(tenant.adminKey()).get("/status-subscribers").then().body("items", org.hamcrest.Matchers.hasSize(0));
        browser.findElement(By.linkText("Audit")).click();
        heading("Audit trail");
        click("Verify the hash chain");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=verification]"), "Intact"));
        seen("status-component");
        accessible("Audit trail");
        anonymous().get("/status-pages/" + tenant.slug()).then().statusCode(200).body("components[0].name", equalTo("Checkout"))
                .body("maintenance.title", org.hamcrest.Matchers.hasItem("Database upgrade"));
    }

    @Test
    void a_member_of_two_organisations_switches_between_them() {
        Tenant first = newTenant();
        Tenant second = newTenant();
        registerService(second.adminKey(), "only-in-second");
        as(second.adminKey()).body(Map.of("email", first.email(), "displayName", "ignored", "role", "VIEWER")).post("/members").then().statusCode(201);
        signIn(first);
        browser.findElement(By.linkText("Services")).click();
        heading("Services");
        assertTrue(!browser.findElement(By.id("main")).getText().contains("only-in-second"));
        new Select(browser.findElement(By.id("organization"))).selectByVisibleText("Org " + second.slug() + " (VIEWER)");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Service only-in-second"));
    }

    @Test
    void the_pages_load_nothing_from_elsewhere_are_labelled_and_send_a_strict_content_security_policy() {
        RestAssured.given().basePath("").get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff");
        RestAssured.given().basePath("").get("/webjars/chart.js/" + System.getProperty("aia.it.chartjs.version", "4.4.1") + "/dist/chart.umd.js")
                .then().statusCode(200);
        Tenant tenant = newTenant();
        signIn(tenant);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) js.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(loaded.stream().allMatch(url -> url.startsWith(BASE)), "only this origin: " + loaded);
        assertTrue((Boolean) js.executeScript("return typeof Chart === 'function'"), "Chart.js loaded from the application");
        // Every form control has a label; the skip link leads to the content.
        assertEquals(0L, js.executeScript("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length"));
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertEquals("Skip to content", browser.switchTo().activeElement().getText());
    }
}
