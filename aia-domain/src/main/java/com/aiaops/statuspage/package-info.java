/**
 * The public status page of an organisation: its components (services shown to customers) with a status derived
 * from alerts, incidents, SLOs and maintenance (or set by hand), the overall status, active incidents with their
 * public updates, maintenance, and 90 days of uptime; subscribers (e-mail with double opt-in, webhooks) told of
 * public updates and maintenance, an Atom feed, and a Statuspage-compatible summary.
 */
package com.aiaops.statuspage;
