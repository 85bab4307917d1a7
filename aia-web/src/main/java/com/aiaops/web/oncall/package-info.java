/** HTTP resources of on-call schedules: rotations, overrides, who is on call, shifts. */
package com.aiaops.web.oncall;
