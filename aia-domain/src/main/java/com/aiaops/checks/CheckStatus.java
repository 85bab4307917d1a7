package com.aiaops.checks;

/** UNKNOWN until the first run; DOWN after more consecutive failures than the check's retries allow. */
public enum CheckStatus { UNKNOWN, UP, DOWN }
