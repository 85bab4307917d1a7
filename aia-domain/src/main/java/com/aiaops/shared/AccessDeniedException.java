package com.aiaops.shared;

/** The caller is known but their role does not allow this action. */
public class AccessDeniedException extends DomainException {
    public AccessDeniedException(String message) {
        super("forbidden", message);
    }
}
