package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.Matchers.equalTo;

/**
 * Base of the integration tests: Arquillian deploys the EAR the build produced to the managed server
 * built by wildfly-config, and the tests call the API over HTTP as a client would.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ApiIT {
    static final int PORT_OFFSET = Integer.getInteger("aia.it.port-offset", 100);
    static final String PROBLEM_JSON = "application/problem+json";

    @Deployment(testable = false)
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("aia.ear.file")));
    }

    @BeforeAll
    static void configureClient() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = 8080 + PORT_OFFSET;
        RestAssured.basePath = "/api/v1";
        // Numbers with a fraction as double, so SLO arithmetic is compared exactly.
        RestAssured.config = RestAssured.config().jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** A request with an API key. */
    static RequestSpecification as(String apiKey) {
        return RestAssured.given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A new organisation made through the public sign-up, with its founder's browser session and an
     * ADMIN API key issued through that session.
     */
    static Tenant newTenant() {
        String slug = unique("org");
        String email = slug + "@example.test";
        String password = "correct horse battery " + slug;
        var signup = anonymous()
                .body(Map.of("organizationSlug", slug, "organizationName", "Org " + slug, "email", email,
                        "displayName", "Founder of " + slug, "password", password))
                .post("/signups")
                .then().statusCode(201).extract();
        String session = signup.cookie("JSESSIONID");
        String organizationId = signup.path("current.organizationId");
        String adminKey = RestAssured.given().cookie("JSESSIONID", session).header("X-Requested-With", "test")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "admin key", "scope", "ADMIN"))
                .post("/api-keys")
                .then().statusCode(201).extract().path("token");
        return new Tenant(organizationId, slug, email, password, session, adminKey);
    }

    private static String operatorKey;
    static final String OPERATOR_EMAIL = "ops@platform.example";
    static final String OPERATOR_PASSWORD = "a long operator passphrase";

    /**
     * An ADMIN key of the platform operators' organisation (aia.platform.operator-organization=platform-ops on the test
     * server): signed up by the first test class that asks, signed in by the others.
     */
    static synchronized String operatorKey() {
        if (operatorKey == null) {
            Map<String, String> account = Map.of("email", OPERATOR_EMAIL, "password", OPERATOR_PASSWORD);
            var signup = anonymous().body(Map.of("organizationSlug", "platform-ops", "organizationName", "Platform operations",
                    "email", account.get("email"), "displayName", "Operator", "password", account.get("password"))).post("/signups")
                    .then().extract();
            String session = signup.statusCode() == 201 ? signup.cookie("JSESSIONID")
                    : anonymous().body(account).post("/sessions").then().statusCode(201).extract().cookie("JSESSIONID");
            operatorKey = RestAssured.given().cookie("JSESSIONID", session).header("X-Requested-With", "test")
                    .contentType(ContentType.JSON).body(Map.of("name", "operator", "scope", "ADMIN")).post("/api-keys")
                    .then().statusCode(201).extract().path("token");
        }
        return operatorKey;
    }

    /** Issues a key with the given scope in the tenant's organisation. */
    static String issueKey(Tenant tenant, String scope) {
        return as(tenant.adminKey()).body(Map.of("name", scope + " key", "scope", scope))
                .post("/api-keys").then().statusCode(201).extract().path("token");
    }

    static String registerService(String apiKey, String slug) {
        return as(apiKey).body(Map.of("slug", slug, "displayName", "Service " + slug, "ownerTeam", "team-a",
                        "tier", "PRO"))
                .post("/services").then().statusCode(201).body("slug", equalTo(slug)).extract().path("id");
    }

    /**
     * Waits for something the server does in the background (a scheduler, a delivery) until it holds, checking
     * every 200 ms; fails with the last assertion error after the limit.
     */
    static void eventually(java.time.Duration limit, Runnable assertion) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** Moves the test server's clock ahead of real time (PUT /test-clock); tests that move it reset it to zero. */
    static void clockAhead(java.time.Duration offset) {
        anonymous().body(Map.of("offset", offset.toString())).put("/test-clock").then().statusCode(200);
    }

    /** The platform's clock now (real time plus the offset a test set). */
    static java.time.Instant serverNow() {
        return java.time.Instant.parse(anonymous().get("/test-clock").then().statusCode(200).extract().<String>path("now"));
    }

    static java.time.Duration clockOffset() {
        return java.time.Duration.parse(anonymous().get("/test-clock").then().statusCode(200).extract().path("offset"));
    }

    record Tenant(String organizationId, String slug, String email, String password, String session, String adminKey) {
    }
}
