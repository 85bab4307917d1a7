package com.aiaops.integration;

import com.aiaops.alerting.ExternalAlertService.Action;
import com.aiaops.alerting.ExternalAlertService.Event;
import com.aiaops.alerting.Urgency;
import com.aiaops.incident.Severity;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.JsonValues;
import com.aiaops.shared.Sha256;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Alert senders' payloads, read into events: Alertmanager's webhook (version 4), Grafana alerting's webhook (the same
 * shape, version 1) and PagerDuty's Events API v2. Severity comes from the sender's words: critical pages as P1,
 * error (or none given) pages as P2, warning and info open tickets (P3) that do not page.
 */
public final class AlertPayloads {
    static final int MAX_ALERTS = 1000;
    static final int MAX_FINGERPRINT = 255;

    private AlertPayloads() {
    }

    static JsonObject object(String body) {
        try {
            JsonValue value = JsonValues.PROVIDER.createReader(new StringReader(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequestException("invalid-payload", "The body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidRequestException("invalid-payload", "The body is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) { // the parser's own limits (nesting deeper than 1,000) are plain runtime exceptions
            throw new InvalidRequestException("invalid-payload", "The body is not JSON we read: " + e.getMessage());
        }
    }

    /** Alertmanager's (and Grafana's) {@code alerts[]}: firing or resolved, by fingerprint. */
    public static List<Event> alertmanager(String body) {
        JsonObject payload = object(body);
        JsonValue alerts = payload.get("alerts");
        if (alerts == null || alerts.getValueType() != JsonValue.ValueType.ARRAY) {
            throw InvalidRequestException.ofField("invalid-payload", "alerts", "is required: the webhook's list of alerts");
        }
        if (alerts.asJsonArray().size() > MAX_ALERTS) {
            throw InvalidRequestException.ofField("invalid-payload", "alerts", "holds at most " + MAX_ALERTS + " alerts");
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < alerts.asJsonArray().size(); i++) {
            String at = "alerts[" + i + "]";
            JsonValue value = alerts.asJsonArray().get(i);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw InvalidRequestException.ofField("invalid-payload", at, "must be an object");
            }
            JsonObject alert = value.asJsonObject();
            Map<String, String> labels = strings(alert, "labels", at);
            Map<String, String> annotations = strings(alert, "annotations", at);
            String status = text(alert, "status");
            Action action;
            if ("firing".equals(status) || "alerting".equals(status)) {
                action = Action.TRIGGER;
            } else if ("resolved".equals(status) || "ok".equals(status)) {
                action = Action.RESOLVE;
            } else {
                throw InvalidRequestException.ofField("invalid-payload", at + ".status", "must be firing or resolved");
            }
            String fingerprint = text(alert, "fingerprint");
            if (fingerprint == null || fingerprint.isBlank()) { // the labels are the alert's identity, as Alertmanager hashes them
                fingerprint = Sha256.hex(new TreeMap<>(labels).toString()).substring(0, 16);
            }
            if (fingerprint.length() > MAX_FINGERPRINT) {
                throw InvalidRequestException.ofField("invalid-payload", at + ".fingerprint", "is longer than " + MAX_FINGERPRINT);
            }
            String title = labels.getOrDefault("alertname", "alert");
            String summary = firstOf(annotations.get("summary"), annotations.get("description"), annotations.get("message"),
                    text(alert, "valueString"), title);
            Severity severity = severityOf(labels.get("severity"));
            events.add(new Event(fingerprint, action, shorten(title, 100), shorten(summary, 400), severity, urgencyOf(severity, labels.get("severity"))));
        }
        return events;
    }

    /** A PagerDuty Events API v2 event, with the routing key it names. */
    public record PagerDutyEvent(String routingKey, Event event, boolean dedupKeyGiven) {
    }

    public static PagerDutyEvent pagerDuty(String body) {
        JsonObject payload = object(body);
        String routingKey = text(payload, "routing_key");
        if (routingKey == null || routingKey.isBlank()) {
            throw InvalidRequestException.ofField("invalid-payload", "routing_key", "is required: the integration's secret");
        }
        String eventAction = text(payload, "event_action");
        Action action = switch (eventAction == null ? "" : eventAction) {
            case "trigger" -> Action.TRIGGER;
            case "acknowledge" -> Action.ACKNOWLEDGE;
            case "resolve" -> Action.RESOLVE;
            default -> throw InvalidRequestException.ofField("invalid-payload", "event_action", "must be trigger, acknowledge or resolve");
        };
        String dedupKey = text(payload, "dedup_key");
        boolean given = dedupKey != null && !dedupKey.isEmpty();
        if (!given && action != Action.TRIGGER) {
            throw InvalidRequestException.ofField("invalid-payload", "dedup_key", "is required to " + eventAction);
        }
        if (given && dedupKey.length() > MAX_FINGERPRINT) {
            throw InvalidRequestException.ofField("invalid-payload", "dedup_key", "is longer than " + MAX_FINGERPRINT);
        }
        String key = given ? dedupKey : UUID.randomUUID().toString().replace("-", "");
        if (action != Action.TRIGGER) {
            return new PagerDutyEvent(routingKey, new Event(key, action, "event", "", Severity.P2, Urgency.PAGE), true);
        }
        JsonValue details = payload.get("payload");
        if (details == null || details.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidRequestException.ofField("invalid-payload", "payload", "is required to trigger");
        }
        String summary = text(details.asJsonObject(), "summary");
        if (summary == null || summary.isBlank() || summary.length() > 1024) {
            throw InvalidRequestException.ofField("invalid-payload", "payload.summary", "is required, at most 1024 characters");
        }
        String severityWord = text(details.asJsonObject(), "severity");
        if (severityWord == null || !List.of("critical", "error", "warning", "info").contains(severityWord)) {
            throw InvalidRequestException.ofField("invalid-payload", "payload.severity", "must be critical, error, warning or info");
        }
        String source = firstOf(text(details.asJsonObject(), "source"), "event");
        Severity severity = severityOf(severityWord);
        return new PagerDutyEvent(routingKey, new Event(key, Action.TRIGGER, shorten(source, 100), shorten(summary, 400), severity,
                urgencyOf(severity, severityWord)), given);
    }

    static Severity severityOf(String word) {
        if (word == null) {
            return Severity.P2;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "p0", "sev0", "sev-0" -> Severity.P0;
            case "critical", "p1", "sev1", "sev-1", "page" -> Severity.P1;
            case "warning", "warn", "minor", "medium", "info", "informational", "low", "none", "p3", "sev3", "ticket" -> Severity.P3;
            default -> Severity.P2; // error, high, major, p2 — and words we do not know: a page, since it was sent to be one
        };
    }

    static Urgency urgencyOf(Severity severity, String word) {
        return severity == Severity.P3 ? Urgency.TICKET : Urgency.PAGE;
    }

    private static Map<String, String> strings(JsonObject object, String field, String at) {
        JsonValue value = object.get(field);
        Map<String, String> strings = new TreeMap<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return strings;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidRequestException.ofField("invalid-payload", at + "." + field, "must be an object of strings");
        }
        value.asJsonObject().forEach((k, v) -> {
            if (v instanceof JsonString s) {
                strings.put(k, s.getString());
            }
        });
        return strings;
    }

    static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
