/**
 * The HTTP face of the platform: the JAX-RS API under {@code /api/v1}, one package per capability
 * (mirroring {@code aia-domain}), and {@code platform} for authentication, errors, metrics and logs.
 */
package com.aiaops.web;
