/**
 * HTTP side of the status page: its components (admin API), the public JSON at /api/v1/status-pages/{organization}
 * and the public HTML page at /status/{organization}.
 */
package com.aiaops.web.statuspage;
