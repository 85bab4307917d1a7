package com.aiaops.shared;

/** An update made against a version the client read earlier, which another update has since replaced. */
public class StaleVersionException extends DomainException {
    /** A precondition that can never hold, such as a weak ETag under If-Match's strong comparison. */
    public StaleVersionException(String message) {
        super("stale-version", message);
    }

    public StaleVersionException(String what, long expected, long actual) {
        super("stale-version", "The " + what + " was changed since you read it (you sent version " + expected
                + ", the current version is " + actual + "); read it again and retry");
    }
}
