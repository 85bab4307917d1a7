package com.aiaops.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invitations: an admin invites an address with a role, the person follows the link once, within 7 days, and is a
 * member, signed in; an existing account proves itself with its own password; revoked, used and expired links are
 * gone; only admins invite, and only into their own organisation.
 */
class InvitationIT extends ApiIT {
    private static String tokenOf(String acceptUrl) {
        assertTrue(acceptUrl.contains("#/invitation/"), acceptUrl);
        return acceptUrl.substring(acceptUrl.indexOf("#/invitation/") + "#/invitation/".length());
    }

    private static String invite(Tenant tenant, String email, String role) {
        return tokenOf(as(tenant.adminKey()).body(Map.of("email", email, "role", role)).post("/invitations").then().statusCode(201)
                .body("email", equalTo(email.toLowerCase(java.util.Locale.ROOT))).body("role", equalTo(role))
                .body("acceptUrl", startsWith("http://")).extract().path("acceptUrl"));
    }

    @Test
    void a_new_person_follows_the_link_once_and_is_a_member_signed_in() {
        Tenant tenant = newTenant();
        String email = unique("New.Person") + "@Example.test";
        String token = invite(tenant, email, "OPERATOR");
        as(tenant.adminKey()).get("/invitations").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].acceptUrl", nullValue()).body("items[0].expired", equalTo(false));

        anonymous().get("/invitations/links/" + token).then().statusCode(200).body("organizationName", equalTo("Org " + tenant.slug()))
                .body("role", equalTo("OPERATOR")).body("accountExists", equalTo(false));
        anonymous().body(Map.of("displayName", "New Person", "password", "short")).post("/invitations/links/" + token + "/acceptance")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        anonymous().body(Map.of("password", "a long enough passphrase")).post("/invitations/links/" + token + "/acceptance")
                .then().statusCode(400).body("errors.field", hasItem("displayName"));
        var accepted = anonymous().body(Map.of("displayName", "New Person", "password", "a long enough passphrase"))
                .post("/invitations/links/" + token + "/acceptance").then().statusCode(201)
                .body("current.organizationId", equalTo(tenant.organizationId())).body("current.role", equalTo("OPERATOR")).extract();
        // The answer signed them in; the link is used up.
        RestAssured.given().cookie("JSESSIONID", accepted.cookie("JSESSIONID")).get("/sessions/current").then().statusCode(200)
                .body("account.displayName", equalTo("New Person"));
        anonymous().get("/invitations/links/" + token).then().statusCode(404).contentType(PROBLEM_JSON);
        anonymous().body(Map.of("displayName", "Someone else", "password", "another long passphrase"))
                .post("/invitations/links/" + token + "/acceptance").then().statusCode(404);
        as(tenant.adminKey()).get("/members").then().body("items.email", hasItem(email.toLowerCase(java.util.Locale.ROOT)));
        as(tenant.adminKey()).get("/invitations").then().body("items", hasSize(0));
        as(tenant.adminKey()).get("/audit-events").then().body("items.action", hasItems("member.invited", "member.joined"));
        // Signing in with the password chosen works like any other member's.
        anonymous().body(Map.of("email", email, "password", "a long enough passphrase")).post("/sessions").then().statusCode(201);
    }

    @Test
    void an_existing_account_proves_itself_with_its_own_password_which_is_never_changed() {
        Tenant home = newTenant();
        Tenant other = newTenant();
        String token = invite(other, home.email(), "VIEWER");
        anonymous().get("/invitations/links/" + token).then().statusCode(200).body("accountExists", equalTo(true));
        anonymous().body(Map.of("password", "not the password at all")).post("/invitations/links/" + token + "/acceptance")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("password"));
        anonymous().body(Map.of("displayName", "Ignored", "password", home.password())).post("/invitations/links/" + token + "/acceptance")
                .then().statusCode(201).body("current.organizationId", equalTo(other.organizationId()))
                .body("memberships", hasSize(2)).body("account.displayName", equalTo("Founder of " + home.slug()));
        as(other.adminKey()).body(Map.of("email", home.email(), "role", "ADMIN")).post("/invitations").then().statusCode(409);
    }

    @Test
    void revoked_and_expired_links_are_gone_and_only_admins_invite_into_their_own_organisation() {
        Tenant tenant = newTenant();
        String revoked = invite(tenant, unique("revoked") + "@example.test", "VIEWER");
        String id = as(tenant.adminKey()).get("/invitations").then().extract().path("items[0].id");
        Tenant stranger = newTenant();
        as(stranger.adminKey()).delete("/invitations/" + id).then().statusCode(404);
        as(stranger.adminKey()).get("/invitations").then().body("items", hasSize(0));
        as(tenant.adminKey()).delete("/invitations/" + id).then().statusCode(204);
        anonymous().get("/invitations/links/" + revoked).then().statusCode(404);

        // A second invitation of one address replaces the first: only the newest link works.
        String address = unique("twice") + "@example.test";
        String first = invite(tenant, address, "VIEWER");
        String second = invite(tenant, address, "OPERATOR");
        anonymous().get("/invitations/links/" + first).then().statusCode(404);
        anonymous().get("/invitations/links/" + second).then().statusCode(200).body("role", equalTo("OPERATOR"));

        // Seven days later the link has expired, and the list says so.
        try {
            clockAhead(Duration.ofDays(7).plusMinutes(1));
            anonymous().get("/invitations/links/" + second).then().statusCode(404);
            as(tenant.adminKey()).get("/invitations").then().body("items[0].expired", equalTo(true));
        } finally {
            clockAhead(Duration.ZERO);
        }

        as(issueKey(tenant, "VIEWER")).body(Map.of("email", "x@example.test", "role", "VIEWER")).post("/invitations").then().statusCode(403);
        as(tenant.adminKey()).body(Map.of("email", "x@example.test", "role", "INGEST")).post("/invitations").then().statusCode(400)
                .body("errors.field", hasItem("role"));
        as(tenant.adminKey()).body(Map.of("email", "not an address", "role", "VIEWER")).post("/invitations").then().statusCode(400)
                .body("errors.field", hasItem("email"));
        as(tenant.adminKey()).body(Map.of("email", tenant.email(), "role", "VIEWER")).post("/invitations").then().statusCode(409);
        for (String bad : List.of("short", "x".repeat(43) + "%00", "../../sessions")) {
            anonymous().get("/invitations/links/" + bad).then().statusCode(not(equalTo(500)));
        }
        RestAssured.given().contentType(ContentType.JSON).get("/invitations").then().statusCode(401);
    }
}
