package com.aiaops.notification;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PagerDuty, Opsgenie and Microsoft Teams receive for a notification, as their public APIs document it. The
 * receiver's own key for one thing of ours (an alert, a budget) is {@link #dedupKey}: every notification about that
 * thing names it, so the vendor's alert follows ours — opened, acknowledged, closed.
 */
public final class VendorPayloads {
    private static final Jsonb JSON = JsonbBuilder.create();

    /** The request to make: the path below the channel's target ("" for the target itself) and the JSON body. */
    public record Request(String path, String body) {
    }

    /** What an event does to the receiver's alert. */
    public enum Action {
        TRIGGER, ACKNOWLEDGE, RESOLVE
    }

    private VendorPayloads() {
    }

    public static Action actionOf(String event) {
        if (event.endsWith(".acknowledged")) {
            return Action.ACKNOWLEDGE;
        }
        if (event.endsWith(".resolved")) {
            return Action.RESOLVE;
        }
        return Action.TRIGGER; // firing, escalated, a budget's warning, a test
    }

    /** Stable for everything said about one thing; a notification about nothing in particular is its own thing. */
    public static String dedupKey(Notification n) {
        return n.sourceId() == null ? "aia-ops:notification:" + n.id() : "aia-ops:" + n.sourceType() + ":" + n.sourceId();
    }

    /** PagerDuty Events API v2 ({@code POST /v2/enqueue}); acknowledge and resolve carry only the key and the action. */
    public static Request pagerDuty(Notification n, String routingKey) {
        Map<String, Object> details = detailsOf(n);
        Action action = actionOf(n.event());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", action.name().toLowerCase(java.util.Locale.ROOT));
        event.put("dedup_key", dedupKey(n));
        if (action == Action.TRIGGER) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", cut(n.subject(), 1024));
            payload.put("source", cut(String.valueOf(details.getOrDefault("serviceId", "aia-ops")), 255));
            payload.put("severity", pagerDutySeverity(details));
            payload.put("timestamp", n.createdAt().toString());
            putIfPresent(payload, "component", details.get("rule"));
            putIfPresent(payload, "group", details.get("serviceId"));
            payload.put("class", n.event());
            payload.put("custom_details", details);
            event.put("payload", payload);
            event.put("client", "AIA Ops");
        }
        return new Request("", JSON.toJson(event));
    }

    /**
     * Opsgenie Alert API v2: create ({@code POST /v2/alerts}, with the alias), acknowledge and close
     * ({@code POST /v2/alerts/{alias}/acknowledge|close?identifierType=alias}).
     */
    public static Request opsgenie(Notification n) {
        Map<String, Object> details = detailsOf(n);
        String alias = cut(dedupKey(n), 512);
        Action action = actionOf(n.event());
        if (action != Action.TRIGGER) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source", "AIA Ops");
            body.put("user", "AIA Ops");
            body.put("note", cut(n.subject(), 25_000));
            String verb = action == Action.ACKNOWLEDGE ? "acknowledge" : "close";
            return new Request("/v2/alerts/" + URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20") + "/" + verb
                    + "?identifierType=alias", JSON.toJson(body));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", cut(n.subject(), 130));
        body.put("alias", alias);
        body.put("description", cut(textOf(n.subject(), details), 15_000));
        List<String> tags = new ArrayList<>();
        tags.add("aia-ops");
        tags.add(cut(n.event(), 50));
        body.put("tags", tags);
        Map<String, String> stringDetails = new LinkedHashMap<>();
        details.forEach((k, v) -> stringDetails.put(cut(k, 50), cut(String.valueOf(v), 1000)));
        body.put("details", stringDetails);
        putIfPresent(body, "entity", details.get("serviceId"));
        body.put("source", "AIA Ops");
        body.put("priority", opsgeniePriority(details));
        return new Request("/v2/alerts", JSON.toJson(body));
    }

    /** A Teams Workflows webhook's message: one Adaptive Card (1.4) with the subject and the details as facts. */
    public static Request teams(Notification n) {
        Map<String, Object> details = detailsOf(n);
        List<Map<String, Object>> facts = new ArrayList<>();
        details.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> facts.add(Map.of("title", e.getKey(), "value", String.valueOf(e.getValue()))));
        List<Object> cardBody = new ArrayList<>();
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("type", "TextBlock");
        title.put("text", n.subject());
        title.put("weight", "Bolder");
        title.put("size", "Medium");
        title.put("wrap", true);
        cardBody.add(title);
        cardBody.add(Map.of("type", "FactSet", "facts", facts));
        cardBody.add(Map.of("type", "TextBlock", "text", "Notification " + n.id() + " · " + n.event(), "isSubtle", true, "wrap", true,
                "size", "Small"));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", cardBody);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return new Request("", JSON.toJson(message));
    }

    /** P0 is critical, P1 an error, P2 a warning, P3 information; an alert that does not page is at most a warning. */
    static String pagerDutySeverity(Map<String, Object> details) {
        String severity = switch (String.valueOf(details.get("suggestedSeverity"))) {
            case "P0" -> "critical";
            case "P1" -> "error";
            case "P3" -> "info";
            default -> "warning";
        };
        boolean paging = !details.containsKey("urgency") || "PAGE".equals(details.get("urgency"));
        return !paging && (severity.equals("critical") || severity.equals("error")) ? "warning" : severity;
    }

    /** Our P0–P3 are Opsgenie's P1–P4; without a severity, Opsgenie's default P3. */
    static String opsgeniePriority(Map<String, Object> details) {
        return switch (String.valueOf(details.get("suggestedSeverity"))) {
            case "P0" -> "P1";
            case "P1" -> "P2";
            case "P2" -> "P3";
            case "P3" -> "P4";
            default -> "P3";
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> detailsOf(Notification n) {
        Map<String, Object> document = JSON.fromJson(n.payload(), Map.class);
        Object details = document.get("details");
        return details instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    static String textOf(String subject, Map<String, Object> details) {
        return new Message("text", subject, details, null, null).asText();
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, cut(String.valueOf(value), 255));
        }
    }

    /** Vendors refuse fields over their limits; cut on a code point, never in a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
