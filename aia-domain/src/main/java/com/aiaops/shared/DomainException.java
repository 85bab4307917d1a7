package com.aiaops.shared;

/**
 * A request the domain refuses. {@link #code()} is a stable, machine-readable reason that the web
 * layer turns into the {@code type} of a problem+json answer.
 */
public abstract class DomainException extends RuntimeException {
    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
