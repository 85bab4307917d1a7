/** HTTP resources of capacity: utilisation ingestion, a service's capacity plan and its capacity report. */
package com.aiaops.web.capacity;
