/**
 * HTTP resources of the time-partitioned tables, for the platform operators only (ADMINs of the organisation named by
 * aia.platform.operator-organization): the partitions of every organisation's data are the platform's, not a tenant's.
 */
package com.aiaops.web.partitioning;
