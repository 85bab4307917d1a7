package com.aiaops.incident;

/** The people an incident needs: who leads, who writes things down, who talks to customers. */
public enum IncidentRole { COMMANDER, SCRIBE, LIAISON }
