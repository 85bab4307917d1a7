/**
 * Backups of the platform's own data: one gzip-compressed CSV file per table plus a manifest (schema version,
 * row counts, SHA-256 per file, time covered), written by the batch jobs in aia-batch; the catalog of backups,
 * and the checks a restore and a restore drill make before trusting one.
 */
package com.aiaops.backup;
