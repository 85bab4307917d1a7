/**
 * Reports an organisation downloads: the monthly SLA report (uptime per service against its tier, credits owed),
 * the monthly cost report and the weekly operations review, each as CSV and as a readable HTML page. The batch
 * jobs in aia-batch write them on their schedules; people can ask for one too.
 */
package com.aiaops.report;
