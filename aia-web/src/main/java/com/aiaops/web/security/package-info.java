/** HTTP resources of security findings: scan report import per service, findings, summary and fix SLAs. */
package com.aiaops.web.security;
