package com.aiaops.it;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every change is audited in a verifiable hash chain; erasure removes personal data and keeps the chain valid. */
class AuditIT extends ApiIT {

    @Test
    void every_change_is_recorded_with_who_what_and_before_after() {
        Tenant tenant = newTenant();
        String id = registerService(tenant.adminKey(), "orders");
        as(tenant.adminKey()).header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Orders v2", "ownerTeam", "team-b", "tier", "ENTERPRISE"))
                .put("/services/" + id).then().statusCode(200);
        var events = as(tenant.adminKey()).get("/audit-events").then().statusCode(200)
                .body("items.action", hasItems("organization.created", "member.added", "api-key.issued",
                        "service.registered", "service.updated"))
                .extract();
        List<Map<String, Object>> items = events.path("items");
        Map<String, Object> update = items.stream().filter(e -> e.get("action").equals("service.updated")).findFirst().orElseThrow();
        assertEquals(id, update.get("targetId"));
        org.hamcrest.MatcherAssert.assertThat((String) update.get("before"), containsString("\"ownerTeam\":\"team-a\""));
        org.hamcrest.MatcherAssert.assertThat((String) update.get("after"), containsString("\"ownerTeam\":\"team-b\""));
        org.hamcrest.MatcherAssert.assertThat((String) update.get("actor"), containsString("api-key:"));
        for (int i = 1; i < items.size(); i++) {
            assertEquals(items.get(i - 1).get("hash"), items.get(i).get("previousHash"), "each event links to the one before");
        }
        as(tenant.adminKey()).get("/audit-events/verification").then().statusCode(200)
                .body("intact", equalTo(true)).body("eventsChecked", greaterThanOrEqualTo(5));
    }

    @Test
    void verification_finds_the_first_altered_event() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "one");
        registerService(tenant.adminKey(), "two");
        UUID org = UUID.fromString(tenant.organizationId());
        int altered = Database.update("update audit_event set after_state = ? where organization_id = ? and sequence_number = 2",
                "{\"forged\":true}", org);
        assertEquals(1, altered);
        as(tenant.adminKey()).get("/audit-events/verification").then().statusCode(200)
                .body("intact", equalTo(false)).body("firstBrokenSequence", equalTo(2))
                .body("reason", containsString("altered"));
    }

    @Test
    void verification_notices_events_deleted_from_the_end() throws Exception {
        Tenant tenant = newTenant();
        registerService(tenant.adminKey(), "one");
        UUID org = UUID.fromString(tenant.organizationId());
        long last = Database.count("select max(sequence_number) from audit_event where organization_id = ?", org);
        Database.update("delete from audit_event where organization_id = ? and sequence_number = ?", org, last);
        as(tenant.adminKey()).get("/audit-events/verification").then().statusCode(200)
                .body("intact", equalTo(false)).body("reason", containsString("missing"));
    }

    @Test
    void erasure_removes_a_members_personal_data_and_the_chain_still_verifies() throws Exception {
        Tenant tenant = newTenant();
        String email = unique("leaver") + "@example.test";
        String memberId = as(tenant.adminKey())
                .body(Map.of("email", email, "displayName", "Lea Leaver", "role", "VIEWER", "password", "a long enough password"))
                .post("/members").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).body(Map.of("role", "OPERATOR")).patch("/members/" + memberId).then().statusCode(200);
        anonymous().body(Map.of("email", email, "password", "a long enough password")).post("/sessions").then().statusCode(201);

        as(tenant.adminKey()).post("/members/" + memberId + "/erasure").then().statusCode(200)
                .body("accountPseudonymised", equalTo(true)).body("auditEventsRedacted", greaterThanOrEqualTo(2));

        as(tenant.adminKey()).get("/members/" + memberId).then().statusCode(404);
        String trail = as(tenant.adminKey()).get("/audit-events?limit=200").then().statusCode(200)
                .body("items.findAll { it.targetId == '" + memberId + "' && it.action != 'member.erased' }.before", everyItem(nullValue()))
                .body("items.findAll { it.targetId == '" + memberId + "' && it.action != 'member.erased' }.redacted", everyItem(equalTo(true)))
                .extract().asString();
        assertFalse(trail.contains(email), "the e-mail is gone from the audit trail");
        assertFalse(trail.contains("Lea Leaver"), "the name is gone from the audit trail");
        assertEquals(0, Database.count("select count(*) from account where email = ? or display_name = ?", email, "Lea Leaver"));
        as(tenant.adminKey()).get("/audit-events/verification").then().statusCode(200).body("intact", equalTo(true));
        anonymous().body(Map.of("email", email, "password", "a long enough password")).post("/sessions").then().statusCode(401);
    }

    @Test
    void the_last_admin_can_be_neither_removed_nor_demoted() {
        Tenant tenant = newTenant();
        String founder = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        as(tenant.adminKey()).delete("/members/" + founder).then().statusCode(409)
                .body("type", equalTo("urn:aia-ops:problem:last-admin"));
        as(tenant.adminKey()).body(Map.of("role", "VIEWER")).patch("/members/" + founder).then().statusCode(409);
        as(tenant.adminKey()).get("/members/" + founder).then().body("role", equalTo("ADMIN"))
                .body("email", not(nullValue()));
    }
}
