package com.aiaops.tenancy;

import com.aiaops.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who can sign in: e-mail, display name and password hash. One account can be a member
 * of several organisations. Erasure pseudonymises it (GDPR Art. 17).
 */
@Entity
@Table(name = "account")
public class Account {
    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "password_hash", length = 255)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @Version
    private long version;

    protected Account() {
    }

    public Account(String email, String displayName, String passwordHash, Instant createdAt) {
        this.id = Ids.newId();
        this.email = normalizeEmail(email);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public void rename(String newDisplayName) {
        this.displayName = newDisplayName;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    /** Removes every piece of personal data; the id stays so that references still resolve. */
    public void erase(Instant when) {
        this.email = "erased-" + id + "@erased.invalid";
        this.displayName = "Erased member";
        this.passwordHash = null;
        this.erasedAt = when;
    }

    public boolean canSignIn() {
        return erasedAt == null && passwordHash != null;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant erasedAt() {
        return erasedAt;
    }
}
