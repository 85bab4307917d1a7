package com.aiaops.web.platform;

import com.aiaops.shared.DomainException;

/** No valid credentials: 401. */
public class Unauthenticated extends DomainException {
    public Unauthenticated(String message) {
        super("unauthenticated", message);
    }
}
