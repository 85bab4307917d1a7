package com.aiaops.alerting;

/** PAGE wakes someone up (and opens or joins an incident); TICKET is for working hours. */
public enum Urgency { PAGE, TICKET }
