/** HTTP resources of the five-pillar scorecard and its targets. */
package com.aiaops.web.scorecard;
