package com.aiaops.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What we send to PagerDuty, Opsgenie and Teams, judged by the vendors' own published descriptions (test resources
 * under {@code vendors/}, sources in SOURCES.md): every payload validates and names only documented properties.
 */
class VendorPayloadsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final UUID ORG = UUID.fromString("0190c0de-0000-7000-8000-000000000001");
    private static final UUID ALERT = UUID.fromString("0190c0de-0000-7000-8000-0000000000a1");

    private static JsonNode resource(String name) {
        try (InputStream in = VendorPayloadsTest.class.getResourceAsStream("/vendors/" + name)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Notification notification(String event, String subject, Map<String, Object> details, String sourceType, UUID sourceId) {
        Notification n = new Notification(ORG, UUID.randomUUID(), ChannelType.PAGERDUTY, "https://events.pagerduty.com/v2/enqueue",
                event, subject, sourceType, sourceId, Instant.parse("2026-12-02T10:15:30Z"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", n.id().toString());
        document.put("event", event);
        document.put("subject", subject);
        document.put("details", details);
        try {
            n.carry(MAPPER.writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static Map<String, Object> alertDetails(String severity, String urgency) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alertId", ALERT.toString());
        details.put("rule", "checkout-fast-burn");
        details.put("kind", "BURN_RATE");
        details.put("serviceId", "0190c0de-0000-7000-8000-0000000000s1".replace("s", "5"));
        details.put("state", "FIRING");
        details.put("urgency", urgency);
        details.put("suggestedSeverity", severity);
        details.put("firedAt", "2026-12-02T10:15:00Z");
        return details;
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> errors(Schema schema, JsonNode node) {
        return schema.validate(node).stream().map(Object::toString).toList();
    }

    // PagerDuty: the request body schema of POST /enqueue, with the document's components beside it.
    private static Schema pagerDutySchema() {
        JsonNode api = resource("pagerduty-events-v2.openapi.json");
        ObjectNode schema = api.at("/paths/~1enqueue/post/requestBody/content/application~1json/schema").deepCopy();
        schema.set("components", api.get("components"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void pagerDutyTriggerAcknowledgeAndResolveAreEventsApiV2Events() {
        Schema schema = pagerDutySchema();
        JsonNode api = resource("pagerduty-events-v2.openapi.json");
        Set<String> documentedTop = names(api.at("/paths/~1enqueue/post/requestBody/content/application~1json/schema/properties"));
        Set<String> documentedPayload = names(api.at("/components/schemas/Payload/properties"));
        String routingKey = "e93facc04764012d7bfb002500d5d1a6";

        JsonNode trigger = json(VendorPayloads.pagerDuty(notification("alert.firing", "[PAGE] checkout-fast-burn burning 14.4×",
                alertDetails("P1", "PAGE"), "alert", ALERT), routingKey).body());
        assertEquals(List.of(), errors(schema, trigger));
        assertTrue(documentedTop.containsAll(names(trigger)), () -> "undocumented: " + names(trigger));
        assertTrue(documentedPayload.containsAll(names(trigger.get("payload"))), () -> "undocumented: " + names(trigger.get("payload")));
        assertEquals("trigger", trigger.get("event_action").asText());
        assertEquals(routingKey, trigger.get("routing_key").asText());
        assertEquals("aia-ops:alert:" + ALERT, trigger.get("dedup_key").asText());
        assertEquals("error", trigger.at("/payload/severity").asText());
        assertEquals("2026-12-02T10:15:30Z", trigger.at("/payload/timestamp").asText());
        assertEquals("checkout-fast-burn", trigger.at("/payload/component").asText());
        assertEquals("BURN_RATE", trigger.at("/payload/custom_details/kind").asText());

        for (String event : List.of("alert.acknowledged", "alert.resolved")) {
            JsonNode followUp = json(VendorPayloads.pagerDuty(notification(event, "x", alertDetails("P1", "PAGE"), "alert", ALERT),
                    routingKey).body());
            assertEquals(List.of(), errors(schema, followUp));
            // The same alert at PagerDuty: only the key and the action, as the API asks for acknowledge and resolve.
            assertEquals(Set.of("routing_key", "event_action", "dedup_key"), names(followUp));
            assertEquals(trigger.get("dedup_key"), followUp.get("dedup_key"));
            assertEquals(event.equals("alert.resolved") ? "resolve" : "acknowledge", followUp.get("event_action").asText());
        }
    }

    @Test
    void severitiesMapOntoPagerDutysFourAndATicketNeverPagesAsCritical() {
        assertEquals("critical", VendorPayloads.pagerDutySeverity(alertDetails("P0", "PAGE")));
        assertEquals("error", VendorPayloads.pagerDutySeverity(alertDetails("P1", "PAGE")));
        assertEquals("warning", VendorPayloads.pagerDutySeverity(alertDetails("P2", "PAGE")));
        assertEquals("info", VendorPayloads.pagerDutySeverity(alertDetails("P3", "PAGE")));
        assertEquals("warning", VendorPayloads.pagerDutySeverity(alertDetails("P0", "TICKET")));
        assertEquals("warning", VendorPayloads.pagerDutySeverity(Map.of("budget", "cloud"))); // a budget warning
        assertEquals("P1", VendorPayloads.opsgeniePriority(alertDetails("P0", "PAGE")));
        assertEquals("P4", VendorPayloads.opsgeniePriority(alertDetails("P3", "PAGE")));
        assertEquals("P3", VendorPayloads.opsgeniePriority(Map.of()));
    }

    // Opsgenie: Swagger 2.0 definitions; each payload is checked against its definition and the documented names.
    private static Schema opsgenieSchema(String definition) {
        JsonNode api = resource("opsgenie.swagger.json");
        ObjectNode schema = MAPPER.createObjectNode();
        schema.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition);
        schema.set("definitions", api.get("definitions"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
    }

    private static Set<String> opsgenieNames(String definition) {
        JsonNode definitions = resource("opsgenie.swagger.json").get("definitions");
        Set<String> names = new TreeSet<>(names(definitions.at("/AlertActionPayload/properties")));
        for (JsonNode part : definitions.get(definition).path("allOf")) {
            names.addAll(names(part.path("properties")));
        }
        return names;
    }

    @Test
    void opsgenieCreatesOneAlertPerAliasAndAcknowledgesAndClosesItByAlias() {
        JsonNode api = resource("opsgenie.swagger.json");
        Notification firing = notification("alert.firing", "[PAGE] " + "x".repeat(200), alertDetails("P0", "PAGE"), "alert", ALERT);
        VendorPayloads.Request create = VendorPayloads.opsgenie(firing);
        assertEquals("/v2/alerts", create.path());
        assertTrue(api.at("/paths/~1v2~1alerts/post").isObject());
        JsonNode body = json(create.body());
        assertEquals(List.of(), errors(opsgenieSchema("CreateAlertPayload"), body));
        assertTrue(opsgenieNames("CreateAlertPayload").containsAll(names(body)), () -> "undocumented: " + names(body));
        assertEquals(130, body.get("message").asText().length(), "Opsgenie's limit for message");
        assertEquals("aia-ops:alert:" + ALERT, body.get("alias").asText());
        assertEquals("P1", body.get("priority").asText());
        assertEquals("BURN_RATE", body.at("/details/kind").asText());

        for (String event : List.of("alert.acknowledged", "alert.resolved")) {
            VendorPayloads.Request request = VendorPayloads.opsgenie(notification(event, "resolved: cleared", alertDetails("P0", "PAGE"),
                    "alert", ALERT));
            String verb = event.equals("alert.resolved") ? "close" : "acknowledge";
            assertEquals("/v2/alerts/aia-ops%3Aalert%3A" + ALERT + "/" + verb + "?identifierType=alias", request.path());
            assertTrue(api.at("/paths/~1v2~1alerts~1{identifier}~1" + verb + "/post").isObject(), verb);
            String definition = verb.equals("close") ? "CloseAlertPayload" : "AcknowledgeAlertPayload";
            JsonNode followUp = json(request.body());
            assertEquals(List.of(), errors(opsgenieSchema(definition), followUp));
            assertTrue(opsgenieNames(definition).containsAll(names(followUp)), () -> "undocumented: " + names(followUp));
        }
    }

    @Test
    void teamsGetsAnAdaptiveCardThatTheCardSchemaAccepts() {
        // The schema says draft-06 but names itself with draft-04's "id", which the validator refuses as a keyword;
        // that name is all that is taken away.
        ObjectNode cardSchema = (ObjectNode) resource("adaptive-card-1.4.0.schema.json");
        cardSchema.remove("id");
        Schema card = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_6).getSchema(cardSchema);
        JsonNode message = json(VendorPayloads.teams(notification("alert.firing", "[PAGE] checkout <b>fast</b> burn",
                alertDetails("P1", "PAGE"), "alert", ALERT)).body());
        assertEquals("message", message.get("type").asText());
        JsonNode attachment = message.get("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").asText());
        JsonNode content = attachment.get("content");
        assertEquals(List.of(), errors(card, content));
        assertEquals("1.4", content.get("version").asText());
        List<String> titles = new ArrayList<>();
        content.at("/body/1/facts").forEach(f -> titles.add(f.get("title").asText()));
        assertTrue(titles.containsAll(List.of("rule", "serviceId", "suggestedSeverity")), titles::toString);

        // A hostile fact value is text for the card, and the card still validates.
        Map<String, Object> hostile = new LinkedHashMap<>(alertDetails("P1", "PAGE"));
        hostile.put("rule", "\"}]} \u0000 \uD83D\uDD25");
        JsonNode escaped = json(VendorPayloads.teams(notification("alert.firing", "s", hostile, "alert", ALERT)).body());
        assertEquals(List.of(), errors(card, escaped.at("/attachments/0/content")));
    }

    @Test
    void actionsFollowTheEventAndKeysAreStablePerThing() {
        assertEquals(VendorPayloads.Action.TRIGGER, VendorPayloads.actionOf("alert.firing"));
        assertEquals(VendorPayloads.Action.TRIGGER, VendorPayloads.actionOf("alert.escalated"));
        assertEquals(VendorPayloads.Action.TRIGGER, VendorPayloads.actionOf("channel.test"));
        assertEquals(VendorPayloads.Action.TRIGGER, VendorPayloads.actionOf("cost.budget-exceeded"));
        assertEquals(VendorPayloads.Action.ACKNOWLEDGE, VendorPayloads.actionOf("alert.acknowledged"));
        assertEquals(VendorPayloads.Action.RESOLVE, VendorPayloads.actionOf("alert.resolved"));
        Notification test = notification("channel.test", "t", Map.of(), null, null);
        assertEquals("aia-ops:notification:" + test.id(), VendorPayloads.dedupKey(test));
        assertFalse(VendorPayloads.dedupKey(test).equals(VendorPayloads.dedupKey(notification("channel.test", "t", Map.of(), null, null))));
        // Cutting never splits a surrogate pair.
        assertEquals("ab", VendorPayloads.cut("ab\uD83D\uDD25", 3));
    }
}
