/**
 * Maintenance windows: announced periods during which a service (or every service of the organisation)
 * may be unavailable. Their minutes are left out of SLO error budgets.
 */
package com.aiaops.maintenance;
