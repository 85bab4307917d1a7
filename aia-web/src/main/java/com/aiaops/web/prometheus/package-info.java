/** The organisation's scrape endpoint for Prometheus (capability {@code com.aiaops.prometheus}). */
package com.aiaops.web.prometheus;
