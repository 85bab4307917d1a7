package com.aiaops.alerting;

/** An alert's life: it fires, someone may acknowledge it, and it resolves when its condition clears (or by hand). */
public enum AlertState {
    FIRING, ACKNOWLEDGED, RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }
}
