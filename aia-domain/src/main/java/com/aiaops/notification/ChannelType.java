package com.aiaops.notification;

/** How a channel is reached. */
public enum ChannelType {
    /** JSON POST signed with an HMAC-SHA256 of the body. */
    WEBHOOK(null, false, false),
    /** Slack-compatible incoming webhook: a JSON POST with a {@code text}. */
    SLACK(null, false, false),
    /** E-mail through the server's mail session. */
    EMAIL(null, false, false),
    /**
     * PagerDuty Events API v2: the channel's credential is the integration's routing key; alerts trigger, acknowledge
     * and resolve one PagerDuty alert each (a stable {@code dedup_key}). The EU account's endpoint is
     * {@code https://events.eu.pagerduty.com/v2/enqueue}.
     */
    PAGERDUTY("https://events.pagerduty.com/v2/enqueue", true, true),
    /**
     * Opsgenie Alert API v2: the credential is an API integration's key ({@code Authorization: GenieKey …}); the
     * target is the API's base ({@code https://api.eu.opsgenie.com} for EU accounts). One alert per {@code alias}.
     */
    OPSGENIE("https://api.opsgenie.com", true, true),
    /** Microsoft Teams through a Workflows webhook ("Post to a channel when a webhook request is received"): an Adaptive Card. */
    TEAMS(null, false, false);

    private final String defaultTarget;
    private final boolean needsCredential;
    private final boolean mirrorsState;

    ChannelType(String defaultTarget, boolean needsCredential, boolean mirrorsState) {
        this.defaultTarget = defaultTarget;
        this.needsCredential = needsCredential;
        this.mirrorsState = mirrorsState;
    }

    /** The vendor's public endpoint, used when a channel names none; null when the target must be given. */
    public String defaultTarget() {
        return defaultTarget;
    }

    /** Whether the channel cannot work without a credential (routing key, API key). */
    public boolean needsCredential() {
        return needsCredential;
    }

    /**
     * Whether the receiver keeps state per alert (open, acknowledged, closed): its notifications about one thing must
     * arrive in the order they were written, or a resolve could overtake its trigger.
     */
    public boolean mirrorsState() {
        return mirrorsState;
    }
}
