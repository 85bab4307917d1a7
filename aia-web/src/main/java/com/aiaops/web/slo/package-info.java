/** HTTP resources of SLOs: definitions, their status, and each service's error-budget policy. */
package com.aiaops.web.slo;
