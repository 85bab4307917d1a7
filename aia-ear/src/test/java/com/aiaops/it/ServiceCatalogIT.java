package com.aiaops.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
