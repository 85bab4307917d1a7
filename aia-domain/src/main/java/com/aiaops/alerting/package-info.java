/**
 * Alerting: rules over telemetry (latency percentile, error rate), synthetic checks and SLO burn rates, evaluated
 * once per cluster; the alerts they raise (firing, acknowledged, resolved; one open alert per rule), who is told,
 * and the incident a paging alert opens or joins.
 */
package com.aiaops.alerting;
