package com.aiaops.notification;

/** How a channel is reached. */
public enum ChannelType {
    /** JSON POST signed with an HMAC-SHA256 of the body. */
    WEBHOOK,
    /** Slack-compatible incoming webhook: a JSON POST with a {@code text}. */
    SLACK,
    /** E-mail through the server's mail session. */
    EMAIL
}
