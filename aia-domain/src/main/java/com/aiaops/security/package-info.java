/**
 * Security findings: vulnerability scan reports (Trivy JSON) per service become findings with a fix-by date from the
 * organisation's fix SLAs; a finding missing from a later report of the same service is fixed. Open findings by
 * severity, overdue ones, and patch compliance (fixed within SLA).
 */
package com.aiaops.security;
