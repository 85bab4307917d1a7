package com.aiaops.shared;

import java.util.List;

/** Input that is well-formed JSON but not acceptable; {@link #violations()} names each bad field. */
public class InvalidRequestException extends DomainException {
    private final List<Violation> violations;

    public InvalidRequestException(String code, String message) {
        this(code, message, List.of());
    }

    public InvalidRequestException(String code, String message, List<Violation> violations) {
        super(code, message);
        this.violations = List.copyOf(violations);
    }

    /** A refusal about one field: "field message", with that field named in the violations. */
    public static InvalidRequestException ofField(String code, String field, String message) {
        return new InvalidRequestException(code, field + " " + message, List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    public record Violation(String field, String message) {
    }
}
