package com.aiaops.statuspage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the public sees: the page of one organisation at one moment. */
public record StatusPage(String organization, String name, Instant generatedAt, ComponentStatus overall, List<Component> components,
                         List<ActiveIncident> incidents, List<Maintenance> maintenance) {

    /** A component, why it has its status, and its uptime: one value per UTC day, oldest first (null: no traffic). */
    public record Component(String name, ComponentStatus status, String reason, Double uptime90d, LocalDate firstDay,
                            List<Double> dailyUptime) {
    }

    public record ActiveIncident(String title, String severity, String state, Instant startedAt, List<String> components,
                                 List<Update> updates) {
    }

    public record Update(Instant at, String text) {
    }

    public record Maintenance(String title, List<String> components, Instant startsAt, Instant endsAt, boolean inProgress) {
    }
}
