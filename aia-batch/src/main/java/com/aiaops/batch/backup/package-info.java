/**
 * Batch artifacts of the backup jobs: reading tables in key order by pages, writing one gzip member per chunk (so
 * a restarted job cuts each file back to its checkpoint and writes the same bytes again), the manifest, the restore
 * drill and retention.
 */
package com.aiaops.batch.backup;
