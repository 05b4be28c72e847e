package org.saathi.roster;

/**
 * How a staff member is reached about alerts, as they chose it on the roster; how a notification
 * travels. LOG is for development: it reaches nobody.
 */
public enum Channel { EMAIL, WEBHOOK, LOG }
