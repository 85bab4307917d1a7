/** Batch artifacts of the report jobs: one report per organisation (or the one named) for a month or a week. */
package com.aiaops.batch.report;
