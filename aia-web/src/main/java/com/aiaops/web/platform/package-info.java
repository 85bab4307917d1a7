/**
 * Cross-cutting HTTP concerns: who the caller is (API key or session), what they may do, rate
 * limits, problem+json errors, body limits, request ids in logs and headers, request metrics.
 */
package com.aiaops.web.platform;
