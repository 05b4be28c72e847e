package org.saathi.facts;

/**
 * What a peer concern is about. SELF_HARM (talk of suicide or self-harm, or such behaviour) is risk
 * to life; OTHER is what a report that does not say is taken to be.
 */
public enum ConcernCategory { SELF_HARM, USE_SUSPECTED, ISOLATION, CONFLICT, OTHER }
