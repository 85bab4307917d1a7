package com.aiaops.notification;

import java.util.Map;

/**
 * What is being said, before it is addressed: an event name ({@code alert.firing}, {@code incident.page} …), a
 * one-line subject, the details as name → value, and what it is about.
 */
public record Message(String event, String subject, Map<String, Object> details, String sourceType, java.util.UUID sourceId) {
    public Message {
        details = Map.copyOf(details);
    }

    /** The details as lines of "name: value", for Slack and e-mail. */
    public String asText() {
        StringBuilder text = new StringBuilder(subject);
        details.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append('\n').append(e.getKey()).append(": ").append(e.getValue()));
        return text.toString();
    }
}
