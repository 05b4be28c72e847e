package org.saathi.ingest;

import java.util.List;

import org.saathi.alert.RaisedAlert;

/**
 * The one entry point through which every accepted fact is evaluated, inside the transaction that
 * stored it, so that a fact and the alerts it raises are committed together or not at all.
 */
public interface Evaluation {

    /** Evaluates the participant as of this fact; answers the alerts raised or updated. */
    List<RaisedAlert> evaluate(FactRecorded fact);

    /** The value of a threshold as the rules apply it to this participant: their programme's own, or the default. */
    double threshold(String participantId, String key);
}
