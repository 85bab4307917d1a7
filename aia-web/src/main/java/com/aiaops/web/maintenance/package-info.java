/** HTTP resources of maintenance windows. */
package com.aiaops.web.maintenance;
