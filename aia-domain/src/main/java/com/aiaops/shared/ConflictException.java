package com.aiaops.shared;

/** The request is valid but clashes with the current state (a duplicate, the last admin, a revoked key). */
public class ConflictException extends DomainException {
    public ConflictException(String code, String message) {
        super(code, message);
    }
}
