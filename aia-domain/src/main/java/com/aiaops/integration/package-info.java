/**
 * Integrations in: tools an organisation already runs feeding it with configuration on their side only. Each
 * integration belongs to a service, has its own secret (shown once, rotatable) and remembers its last event and last
 * error. Alertmanager, Grafana alerting and PagerDuty Events API v2 senders raise, acknowledge and resolve external
 * alerts; GitHub and GitLab webhooks record deployments (and the commit times that make lead time real).
 */
package com.aiaops.integration;
