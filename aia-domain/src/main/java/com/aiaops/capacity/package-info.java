/**
 * Capacity: per-minute utilisation of services (CPU, memory, instances), scaling triggers evaluated on it, and a
 * growth projection of request volume from our telemetry with the days left until the stated capacity is reached.
 */
package com.aiaops.capacity;
