package com.aiaops.web.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint another tool calls (a webhook, an events API): it carries an integration's secret, not an API key or a
 * session, so the authentication filter leaves it to {@code com.aiaops.integration.IntegrationService}, the one place
 * integration secrets and signatures are checked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Inbound {
}
