package com.aiaops.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Registering, reading, updating (with If-Match) and retiring services, and paging through them. */
class ServiceCatalogIT extends ApiIT {

    @Test
    void a_service_carries_its_tier_sla_and_credit() {
        Tenant tenant = newTenant();
        as(tenant.adminKey()).body(Map.of("slug", "checkout", "displayName", "Checkout", "ownerTeam", "payments",
                        "tier", "ENTERPRISE", "description", "Takes orders"))
                .post("/services").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/services/"))
                .header("ETag", "\"0\"")
                .body("uptimeSlaPercent", equalTo(99.99)).body("serviceCreditPercent", equalTo(50))
                .body("ownerTeam", equalTo("payments"));
    }

    @Test
    void an_update_needs_the_current_etag_so_no_change_is_lost() {
        Tenant tenant = newTenant();
        String id = registerService(tenant.adminKey(), "search");
        Map<String, Object> change = Map.of("displayName", "Search v2", "ownerTeam", "discovery", "tier", "ENTERPRISE");

        as(tenant.adminKey()).body(change).put("/services/" + id).then().statusCode(428).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:if-match-required"));
        as(tenant.adminKey()).header("If-Match", "\"0\"").body(change).put("/services/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("displayName", equalTo("Search v2")).body("tier", equalTo("ENTERPRISE"));
        // A second writer who read version 0 is refused rather than overwriting version 1.
        as(tenant.adminKey()).header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Stale write", "ownerTeam", "x", "tier", "STANDARD"))
                .put("/services/" + id).then().statusCode(412).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:aia-ops:problem:stale-version"));
        as(tenant.adminKey()).get("/services/" + id).then().header("ETag", "\"1\"").body("displayName", equalTo("Search v2"));
    }

    @Test
    void a_duplicate_slug_is_a_conflict() {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "billing");
        as(tenant.adminKey()).body(Map.of("slug", "billing", "displayName", "again", "ownerTeam", "x", "tier", "PRO"))
                .post("/services").then().statusCode(409).body("type", equalTo("urn:aia-ops:problem:slug-taken"));
    }

    @Test
    void services_are_listed_in_pages_by_slug() {
        Tenant tenant = newTenant();
        for (String slug : List.of("epsilon", "alpha", "delta", "beta", "gamma")) {
            registerService(tenant.adminKey(), slug);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = as(tenant.adminKey()).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/services").then().statusCode(200).extract();
            seen.addAll(page.path("items.slug"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(List.of("alpha", "beta", "delta", "epsilon", "gamma"), seen);
        assertEquals(3, pages);
    }

    @Test
    void retiring_a_service_removes_it() {
        Tenant tenant = newTenant();
        String id = registerService(tenant.adminKey(), "legacy");
        as(tenant.adminKey()).delete("/services/" + id).then().statusCode(204);
        as(tenant.adminKey()).get("/services/" + id).then().statusCode(404).body("type", equalTo("urn:aia-ops:problem:not-found"));
        as(tenant.adminKey()).get("/services").then().body("nextCursor", nullValue());
    }

    @Test
    void a_kept_page_of_services_changes_as_soon_as_a_service_is_registered_renamed_or_retired() {
        Tenant tenant = newTenant();
        String beta = registerService(tenant.adminKey(), "beta");
        String before = as(tenant.adminKey()).get("/services").then().statusCode(200).body("items.slug", contains("beta")).extract().asString();
        assertEquals(before, as(tenant.adminKey()).get("/services").then().statusCode(200).extract().asString());

        String alpha = registerService(tenant.adminKey(), "alpha");
        as(tenant.adminKey()).get("/services").then().statusCode(200).body("items.slug", contains("alpha", "beta"));
        String cursor = as(tenant.adminKey()).queryParam("limit", 1).get("/services").then().statusCode(200)
                .body("items.slug", contains("alpha")).extract().path("nextCursor");
        as(tenant.adminKey()).queryParam("limit", 1).queryParam("cursor", cursor).get("/services").then().statusCode(200)
                .body("items.slug", contains("beta")).body("nextCursor", nullValue());

        // A change in place (no row added or removed) is in the very next page too, with its new version.
        as(tenant.adminKey()).header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Beta renamed", "ownerTeam", "platform", "tier", "ENTERPRISE"))
                .put("/services/" + beta).then().statusCode(200);
        as(tenant.adminKey()).get("/services").then().statusCode(200)
                .body("items.find { it.id == '" + beta + "' }.displayName", equalTo("Beta renamed"))
                .body("items.find { it.id == '" + beta + "' }.version", equalTo(1))
                .body("items.find { it.id == '" + beta + "' }.uptimeSlaPercent", equalTo(99.99));
        as(tenant.adminKey()).queryParam("limit", 1).queryParam("cursor", cursor).get("/services").then().statusCode(200)
                .body("items[0].displayName", equalTo("Beta renamed"));

        // A refused change (a stale version) changes nothing, and the kept page stays right.
        as(tenant.adminKey()).header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Stale write", "ownerTeam", "x", "tier", "STANDARD"))
                .put("/services/" + beta).then().statusCode(412);
        as(tenant.adminKey()).get("/services").then().body("items.displayName", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Stale write")));

        as(tenant.adminKey()).delete("/services/" + alpha).then().statusCode(204);
        as(tenant.adminKey()).get("/services").then().statusCode(200).body("items.slug", contains("beta"));
        as(tenant.adminKey()).queryParam("limit", 1).get("/services").then().statusCode(200)
                .body("items.slug", contains("beta")).body("nextCursor", nullValue());

        // Another organisation's pages are its own, and a bad cursor is refused, not kept.
        Tenant other = newTenant();
        as(other.adminKey()).get("/services").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        as(tenant.adminKey()).queryParam("cursor", "not a cursor").get("/services").then().statusCode(400);
        as(tenant.adminKey()).queryParam("cursor", "not a cursor").get("/services").then().statusCode(400);
    }

    /** One service read again is kept too: each change, its ETag and its retirement show in the very next read, and only its organisation sees it. */
    @Test
    void a_kept_service_follows_each_change_with_its_etag_and_stays_its_organisations() {
        Tenant tenant = newTenant();
        String beta = registerService(tenant.adminKey(), "beta");
        for (int read = 0; read < 2; read++) {
            as(tenant.adminKey()).get("/services/" + beta).then().statusCode(200).header("ETag", "\"0\"")
                    .body("slug", equalTo("beta")).body("version", equalTo(0));
        }
        // Another organisation asks for it by its id, before and after it is kept: it is not theirs.
        Tenant other = newTenant();
        as(other.adminKey()).get("/services/" + beta).then().statusCode(404);

        as(tenant.adminKey()).header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Beta renamed", "ownerTeam", "platform", "tier", "ENTERPRISE"))
                .put("/services/" + beta).then().statusCode(200);
        as(tenant.adminKey()).get("/services/" + beta).then().statusCode(200).header("ETag", "\"1\"")
                .body("displayName", equalTo("Beta renamed")).body("version", equalTo(1)).body("uptimeSlaPercent", equalTo(99.99));
        // The ETag read is the one an update must send; a refused stale write leaves the kept read right.
        as(tenant.adminKey()).header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Stale write", "ownerTeam", "x", "tier", "STANDARD"))
                .put("/services/" + beta).then().statusCode(412);
        as(tenant.adminKey()).get("/services/" + beta).then().statusCode(200).header("ETag", "\"1\"").body("displayName", equalTo("Beta renamed"));
        // A change of another service renews it too, and leaves it as it is.
        registerService(tenant.adminKey(), "alpha");
        as(tenant.adminKey()).get("/services/" + beta).then().statusCode(200).body("displayName", equalTo("Beta renamed"));

        as(tenant.adminKey()).delete("/services/" + beta).then().statusCode(204);
        as(tenant.adminKey()).get("/services/" + beta).then().statusCode(404);
        as(other.adminKey()).get("/services/" + beta).then().statusCode(404);
        as(tenant.adminKey()).get("/services/not-an-id").then().statusCode(400);
    }
}
