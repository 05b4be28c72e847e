package org.saathi.alert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escalation sweep's settings; the evaluation sweep reads its own under the same prefix, and
 * shares the switch and the batch size.
 *
 * @param enabled whether this instance runs the sweeps (several instances may, and share the work)
 * @param escalationEvery how often missed acknowledgement deadlines and ended snoozes are looked for
 * @param batch how many alerts one transaction of the sweep takes on
 */
@ConfigurationProperties("saathi.sweep")
record SweepSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration escalationEvery,
        @DefaultValue("200") int batch) {

    SweepSettings {
        if (batch < 1) {
            throw new IllegalArgumentException("saathi.sweep.batch must be 1 or more");
        }
    }
}
