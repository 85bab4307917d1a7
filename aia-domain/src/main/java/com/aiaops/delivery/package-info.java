/**
 * Delivery: deployments of services (version, commits, times, result, rollbacks), the error-budget policy that
 * gates production deployments, and the four DORA metrics with performance levels from versioned reference data.
 */
package com.aiaops.delivery;
