package com.aiaops.notification;

/** A delivery attempt the receiver did not accept; the outbox tries again later. */
public class DeliveryFailure extends RuntimeException {
    public DeliveryFailure(String message) {
        super(message);
    }

    public DeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
