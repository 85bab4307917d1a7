/**
 * HTTP resources of notifications: the channels an organisation is told through, and the outbox of what was
 * sent, is waiting for a retry, or was muted by maintenance.
 */
package com.aiaops.web.notification;
