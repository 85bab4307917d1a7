/** HTTP resources of synthetic checks: definitions, runs on demand, history and uptime. */
package com.aiaops.web.checks;
