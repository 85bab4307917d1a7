/** HTTP resources of the service catalog. */
package com.aiaops.web.catalog;
