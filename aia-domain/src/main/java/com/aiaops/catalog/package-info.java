/**
 * The service catalog: the services an organisation operates, each with an owner team and a tier
 * whose uptime SLA and service credit (STANDARD 99.9 %/10 %, PRO 99.95 %/25 %, ENTERPRISE 99.99 %/50 %)
 * the other capabilities measure against.
 */
package com.aiaops.catalog;
