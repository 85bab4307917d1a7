/** HTTP resources of incidents: opening, life cycle, timeline, roles and response metrics. */
package com.aiaops.web.incident;
