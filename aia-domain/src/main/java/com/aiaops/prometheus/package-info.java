/**
 * Prometheus, as the place SLO tools' users already look: an organisation's SLOs, services, checks, incidents, DORA
 * keys and budgets as metric families, written in the OpenMetrics text format (or Prometheus' older text format for
 * a scraper that asks for it), for a scrape with an organisation's VIEWER key.
 */
package com.aiaops.prometheus;
