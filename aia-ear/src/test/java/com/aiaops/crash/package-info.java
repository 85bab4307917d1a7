/**
 * Tests that need servers of their own, to kill or to start empty: each starts the built server in a private base
 * directory with its own port offset (OwnServer), independent of the Arquillian-managed one.
 */
package com.aiaops.crash;
