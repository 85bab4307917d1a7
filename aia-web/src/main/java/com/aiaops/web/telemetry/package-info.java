/** HTTP resources of telemetry: ingesting observation batches and querying rates and percentiles. */
package com.aiaops.web.telemetry;
