/** HTTP resources of delivery: deployments (gated by the error-budget policy) and the DORA metrics. */
package com.aiaops.web.delivery;
