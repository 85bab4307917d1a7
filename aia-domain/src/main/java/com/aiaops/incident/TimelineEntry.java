package com.aiaops.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of an incident's timeline; the sequence gives the order. Public entries are for the status page. */
@Entity
@Table(name = "incident_timeline", indexes = @Index(name = "timeline_by_incident", columnList = "incident_id, id"))
public class TimelineEntry {
    public enum Kind { STATE, SEVERITY, ROLE, NOTE, ALERT, PAGE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "incident_timeline_seq")
    @SequenceGenerator(name = "incident_timeline_seq", sequenceName = "incident_timeline_seq", allocationSize = 20)
    private Long id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(nullable = false)
    private Instant at;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Kind kind;

    @Column(nullable = false, length = 4000)
    private String text;

    @Column(nullable = false, length = 60)
    private String actor;

    @Column(name = "public_update", nullable = false)
    private boolean publicUpdate;

    protected TimelineEntry() {
    }

    TimelineEntry(UUID incidentId, Instant at, Kind kind, String text, String actor, boolean publicUpdate) {
        this.incidentId = incidentId;
        this.at = at;
        this.kind = kind;
        this.text = text;
        this.actor = actor;
        this.publicUpdate = publicUpdate;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    public String actor() {
        return actor;
    }

    public boolean publicUpdate() {
        return publicUpdate;
    }
}
