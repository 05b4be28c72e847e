package org.saathi.testing;

/**
 * What most tests of facts and alerts start from: an integration key that posts facts, and a peer
 * mentor and a counsellor of the default programme who care for the participants a test makes.
 */
public record CareTeam(Fixtures fixtures, Api ingest, String mentor, String counsellor) {

    public static CareTeam of(Fixtures fixtures) {
        return new CareTeam(fixtures, fixtures.integration("ingest"), fixtures.staff("PEER_MENTOR"),
                fixtures.staff("COUNSELLOR"));
    }

    /** A new active participant in their care, who shares with the peer mentor. */
    public String participant() {
        return fixtures.participant(mentor, counsellor, true);
    }

    /** A new active participant in their care, who shares nothing with the peer mentor. */
    public String participantSharingNothing() {
        return fixtures.participant(mentor, counsellor, false);
    }
}
