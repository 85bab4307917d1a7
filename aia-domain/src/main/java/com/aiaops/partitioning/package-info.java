/**
 * Time partitioning of the tables that grow with time (roll-ups, cost lines) on PostgreSQL: which partitions a
 * table has, making the coming days' and months' partitions ahead (and moving rows that waited in the default
 * partition into theirs), retention that drops a whole expired partition instead of deleting its rows, and the
 * partition of a running period that a statement about it names instead of the table (PostgreSQL plans that once).
 * On H2 the tables are plain and there is nothing to do.
 */
package com.aiaops.partitioning;
