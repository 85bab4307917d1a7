/**
 * Batch jobs across the cluster: leases of running executions (an execution whose node stopped renewing is marked
 * FAILED and restarted from its last checkpoint) and claims of schedule firings (each firing starts its job once,
 * whichever node's timer fires).
 */
package com.aiaops.jobs;
