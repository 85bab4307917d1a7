/**
 * The schema: versioned migrations (Flyway, {@code db/migration/<database>/V<n>__<what>.sql}) run once per cluster
 * at start-up before anything else touches the database, then Hibernate validates the entities against the result.
 * The version reached is what backups record and restores compare.
 */
package com.aiaops.schema;
