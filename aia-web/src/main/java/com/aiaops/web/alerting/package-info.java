/** HTTP resources of alerting: alert rules (and evaluating one now) and the alerts they raise. */
package com.aiaops.web.alerting;
