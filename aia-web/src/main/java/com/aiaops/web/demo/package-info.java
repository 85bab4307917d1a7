/** The demo organisation on test servers only: loading one for a test, moving its fleet on. */
package com.aiaops.web.demo;
