/**
 * The five-pillar scorecard of an organisation or a service for a month: reliability (uptime), performance (p95),
 * quality (error rate), security (open critical findings) and cost (budget adherence), each against its target,
 * with an overall grade; and the same for earlier months.
 */
package com.aiaops.scorecard;
