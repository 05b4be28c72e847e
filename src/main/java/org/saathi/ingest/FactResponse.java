package org.saathi.ingest;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.saathi.alert.RaisedAlert;

/**
 * The answer to a posted fact: its id, whether it had been received before, the alerts it raised,
 * and for screenings the computed scores.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FactResponse(UUID id, boolean duplicate, ScreeningScores scores, List<RaisedAlert> alerts) {

    FactResponse {
        alerts = List.copyOf(alerts);
    }
}
