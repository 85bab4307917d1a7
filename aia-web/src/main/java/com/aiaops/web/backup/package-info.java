/**
 * HTTP resources of backups and restore drills, for the platform operators only: ADMINs of the organisation named
 * by aia.platform.operator-organization. A backup holds every organisation's data, so no tenant sees them.
 */
package com.aiaops.web.backup;
