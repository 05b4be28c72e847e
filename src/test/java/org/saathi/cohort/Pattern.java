package org.saathi.cohort;

/**
 * The kinds of participant a synthetic cohort holds: three kinds of stable person, whose alerts are
 * the cost of a rule set, and five ways of relapsing, whose warnings are its worth. Every relapsing
 * participant is stable (daily, some skipping weekends; opioid substitution for missed doses) until
 * the prodrome of their pattern begins, and each has one known episode: the moment of first use.
 */
enum Pattern {

    /**
     * Checks in most days at a time of day of their own (a couple of hours either way), skips one day
     * in ten or so, and some skip half their weekends; craving and mood wobble a point or two, with a
     * bad day now and then (craving +3, mood -2, a trigger named). Weekly group therapy and
     * counselling, a weekly peer meeting for some, mostly attended, now and then excused or missed.
     * The engaged person in stable recovery who makes up most of a caseload.
     */
    STABLE_DAILY(true),

    /**
     * As {@link #STABLE_DAILY}, but checks in on weekdays only: never on Saturday or Sunday in
     * Asia/Kolkata. A person whose check-in is part of the working week (a phone at work, a routine
     * kept with a job), and whom a programme has not told the product so.
     */
    STABLE_WEEKDAYS(true),

    /**
     * On methadone or buprenorphine: dosed at the clinic Monday to Saturday (MEDICATION attendance),
     * a take-home dose on Sunday reported as {@code medicationTaken} in the check-in; misses a single
     * dose now and then (never two running), and the check-in after says {@code medicationTaken:
     * false}. Weekly random drug screens, negative. Stable opioid substitution treatment.
     */
    STABLE_OPIOID_SUBSTITUTION(true),

    /**
     * Five to seven days before use, craving climbs to 8-10 and mood falls by 3-4 points, with short
     * sleep, rising stress and triggers named; check-ins go on. Then a check-in says they used (and
     * for some a positive screen follows). The textbook lapse with a self-reported prodrome.
     */
    OVERT_RELAPSE(false),

    /**
     * Over six days before use craving rises by 3 points above their own usual level and mood falls
     * by 2, nothing else changes; then a check-in says they used. The person with a low baseline
     * whose danger is below every programme-wide threshold, visible only against their own rhythm.
     */
    SUBTLE_RELAPSE(false),

    /**
     * Stops everything 2-6 days before use: no check-ins, absent from every session, no answer. The
     * use itself is not reported when it happens; it comes back days later as a positive drug screen
     * and a late check-in saying they used. The episode time is the use, before anything shows it.
     * The disengagement-first relapse, where silence is the only sign.
     */
    SILENT_RELAPSE(false),

    /**
     * On opioid substitution: misses 2 or 3 doses in a row just before use (absent from the clinic,
     * {@code medicationTaken: false}), craving up a point; then a check-in says they used. Missed
     * doses mean falling tolerance and withdrawal: the pattern treatment guidelines ask staff to
     * reassess after.
     */
    MISSED_DOSES(false),

    /**
     * Over the ten days before use, check-ins thin from most days to one in six or so and come at
     * scattered times, group, counselling and peer meetings are missed more and more, craving drifts up
     * by 1.5 and mood down by 1.5; then a check-in says they used. Gradual disengagement.
     */
    FADING_ENGAGEMENT(false);

    private final boolean stable;

    Pattern(boolean stable) {
        this.stable = stable;
    }

    /** A stable person: no episode, and their alerts are the rule set's cost. */
    boolean stable() {
        return stable;
    }

    /** Whether the person is on opioid substitution, dosed at the clinic. */
    boolean opioidSubstitution() {
        return this == STABLE_OPIOID_SUBSTITUTION || this == MISSED_DOSES;
    }
}
