package com.aiaops.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** A commit a deployment shipped: its id and when it was committed (lead time starts at the first). */
@Embeddable
public class Commit {
    @Column(nullable = false, length = 64)
    private String sha;

    @Column(name = "committed_at", nullable = false)
    private Instant committedAt;

    protected Commit() {
    }

    public Commit(String sha, Instant committedAt) {
        this.sha = sha;
        this.committedAt = committedAt;
    }

    public String sha() {
        return sha;
    }

    public Instant committedAt() {
        return committedAt;
    }
}
