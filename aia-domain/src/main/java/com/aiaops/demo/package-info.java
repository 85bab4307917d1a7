/**
 * Start-up work: loading the demo organisation (only when {@code aia.demo.enabled} is true) and
 * marking the platform started for the start-up health check.
 */
package com.aiaops.demo;
