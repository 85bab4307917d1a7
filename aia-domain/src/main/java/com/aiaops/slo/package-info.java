/**
 * Service level objectives (OpenSLO v1 concepts): availability and latency SLIs, Occurrences and
 * Timeslices budgeting, rolling and calendar windows, error budgets in ratio and minutes, burn rates
 * and multi-window multi-burn-rate alerts whose windows and factors are data.
 */
package com.aiaops.slo;
