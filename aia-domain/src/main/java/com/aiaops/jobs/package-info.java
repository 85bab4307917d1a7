/**
 * Leases of running batch job executions: which node runs which execution, renewed while it runs. An execution
 * whose node stopped renewing (killed, crashed) is found, marked FAILED in the job repository and restarted from
 * its last checkpoint by another node, or by the same node when it comes back.
 */
package com.aiaops.jobs;
