/**
 * Cost: FinOps FOCUS cost and usage files imported (streamed, validated row by row, idempotent per file), mapped to
 * our services by a rule, budgets per organisation, service or service category with month-end forecasts and
 * alerts, breakdowns, and unit costs (per request from our telemetry, per customer from a tag).
 */
package com.aiaops.cost;
