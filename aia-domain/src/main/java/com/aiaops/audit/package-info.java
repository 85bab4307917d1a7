/**
 * The audit trail: every change as an append-only event (who, what, when, before and after), each
 * event hash-chained to the previous one of its organisation, and a verification that reports the
 * first broken link. Erasure redacts payloads but keeps their digests, so the chain still verifies.
 */
package com.aiaops.audit;
