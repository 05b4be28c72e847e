package org.saathi.facts;

import java.time.Instant;

/** Something a participant did or that was observed about them; the evidence behind a signal. */
public interface Fact {

    /** The longest note a sender may send with a check-in or a concern; rules never read it. */
    int LONGEST_NOTE = 2000;

    /** The stored fact's id. */
    String id();

    String participantId();

    /** When it happened: recorded, scheduled or observed. */
    Instant at();

    /** What kind of fact it is, as the API names it: CHECK_IN, ATTENDANCE, SCREENING, PEER_CONCERN. */
    String type();

    /** A short description for clinical staff, e.g. "craving 8, mood 3". */
    String summary();
}
