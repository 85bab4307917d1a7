package com.aiaops.security;

import java.util.Locale;

/** Trivy's severities, worst first. */
public enum FindingSeverity {
    CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN;

    static FindingSeverity of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
