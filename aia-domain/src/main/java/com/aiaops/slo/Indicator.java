package com.aiaops.slo;

/**
 * What an SLO counts as good. AVAILABILITY: requests that did not fail (no 5xx, or outcome GOOD).
 * LATENCY: requests answered at or under the latency threshold (OpenSLO's threshold SLI).
 */
public enum Indicator { AVAILABILITY, LATENCY }
