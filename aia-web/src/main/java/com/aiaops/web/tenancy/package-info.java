/** HTTP resources of tenancy and access: sign-up, sessions, organisations, members, API keys. */
package com.aiaops.web.tenancy;
