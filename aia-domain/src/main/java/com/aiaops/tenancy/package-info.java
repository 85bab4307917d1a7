/**
 * Tenancy and access: organisations, the people who are their members (with a role), API keys
 * for programs, password and key authentication, and per-key rate limits held cluster-wide.
 * Every query of every capability is scoped to the caller's organisation.
 */
package com.aiaops.tenancy;
