/**
 * Notifications: channels (signed webhooks, Slack-compatible webhooks, e-mail through the server's mail session,
 * PagerDuty, Opsgenie and Microsoft Teams, the stateful ones kept in order per alert)
 * and the durable outbox every notification and page is written to in the same transaction as its cause, then
 * delivered with fault tolerance and an idempotency key, retried until the receiver takes it.
 */
package com.aiaops.notification;
