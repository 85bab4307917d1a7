/** HTTP resources of the audit trail: listing events and verifying the hash chain. */
package com.aiaops.web.audit;
