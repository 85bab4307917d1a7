package com.aiaops.integration;

/** The sender an integration receives from, and so the format and the authentication it expects. */
public enum IntegrationKind {
    /** Prometheus Alertmanager's webhook receiver (payload version 4); the secret as the bearer token. */
    ALERTMANAGER(false),
    /** Grafana alerting's webhook contact point; the secret as the bearer token. */
    GRAFANA(false),
    /** PagerDuty's Events API v2 ({@code /v2/enqueue}); the secret as the {@code routing_key}. */
    PAGERDUTY(false),
    /** GitHub webhooks (deployment_status, push, workflow_run) signed with X-Hub-Signature-256. */
    GITHUB(true),
    /** GitLab webhooks (deployment, push) with the secret in X-Gitlab-Token. */
    GITLAB(true);

    private final boolean deployments;

    IntegrationKind(boolean deployments) {
        this.deployments = deployments;
    }

    /** Whether it records deployments (and so needs a repository) rather than alerts. */
    public boolean deployments() {
        return deployments;
    }
}
