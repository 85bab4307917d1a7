package com.aiaops.alerting;

import com.aiaops.incident.Severity;

/**
 * One evaluation of a rule: whether its condition holds, the value observed (null without data), a sentence
 * saying what was seen, how urgent it is, and the incident severity it suggests if it pages.
 */
public record Verdict(boolean breaching, Double value, String summary, Urgency urgency, Severity suggestedSeverity) {
    static Verdict clear(Double value, String summary) {
        return new Verdict(false, value, summary, null, null);
    }
}
