package com.aiaops.web.platform;

/** Attributes of a signed-in browser session (plain strings: the session is replicated across the cluster). */
public final class SessionKeys {
    public static final String ACCOUNT = "aia.account";
    public static final String ORGANIZATION = "aia.organization";

    private SessionKeys() {
    }
}
