/**
 * Tests that need a server of their own to kill: they start the built server in a private base directory (port
 * offset 200, its own PostgreSQL database aia_crash), independent of the Arquillian-managed one.
 */
package com.aiaops.crash;
