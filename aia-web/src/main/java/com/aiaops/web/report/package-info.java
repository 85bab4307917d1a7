/** HTTP resources of reports: the organisation's SLA, cost and weekly reports as CSV and HTML, and asking for one. */
package com.aiaops.web.report;
