/**
 * Access: who is calling (a member, an API key or the platform itself, in one organisation) and the roles that
 * decide what they may do. Every capability depends on it; it depends on none.
 */
package com.aiaops.access;
