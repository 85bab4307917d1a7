package com.aiaops.shared;

/** The object does not exist for the caller: also what another organisation's object looks like. */
public class NotFoundException extends DomainException {
    public NotFoundException(String what, Object id) {
        super("not-found", "No " + what + " with id " + id);
    }
}
