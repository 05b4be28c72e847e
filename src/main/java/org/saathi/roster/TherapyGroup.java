package org.saathi.roster;

import java.time.Instant;

/** A therapy or peer group that participants attend together. */
record TherapyGroup(String id, String name, Type type, Audience audience, String programmeId, Instant createdAt,
        Instant updatedAt) {

    enum Type { PSYCHOEDUCATIONAL, SKILLS, CBT, SUPPORT, PEER_MEETING }

    enum Audience { MIXED, WOMEN, MEN, YOUTH }
}
