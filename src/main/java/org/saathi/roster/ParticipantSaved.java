package org.saathi.roster;

/** A participant was created or updated; published in the transaction that saved them. */
public record ParticipantSaved(String participantId, String programmeId) {
}
