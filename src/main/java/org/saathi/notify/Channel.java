package org.saathi.notify;

/** How a notification travels. LOG is for development: it reaches nobody. */
public enum Channel { EMAIL, WEBHOOK, LOG }
