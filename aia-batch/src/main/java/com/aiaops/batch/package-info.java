/**
 * The Jakarta Batch side of backups and reports: the batch artifacts the jobs in META-INF/batch-jobs name, and the
 * schedules that start them once per cluster (EJB persistent timers on the database store).
 */
package com.aiaops.batch;
