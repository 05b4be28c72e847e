package org.saathi.roster;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.saathi.api.ApiProblem;

final class Zones {

    private Zones() {
    }

    static ZoneId parse(String field, String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            throw ApiProblem.invalid(field, "must be an IANA time zone such as Asia/Kolkata");
        }
    }
}
