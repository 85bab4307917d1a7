/**
 * The shared kernel: identifiers, the clock, pagination and the domain's exceptions, used by
 * every capability. Nothing here knows about HTTP.
 */
package com.aiaops.shared;
