/**
 * Integrations in: managing them ({@code /integrations}) and the endpoints their senders call ({@code /inbound/…}):
 * Alertmanager and Grafana webhooks, PagerDuty's Events API v2, GitHub and GitLab webhooks.
 */
package com.aiaops.web.integration;
