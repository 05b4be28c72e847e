package org.saathi.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The evaluation sweep's settings, beside the escalation sweep's under the same prefix: one switch
 * and one batch size serve both sweeps.
 *
 * @param enabled whether this instance runs the sweeps (several instances may, and share the work)
 * @param evaluationEvery how often every active participant is evaluated for rules that time alone makes true
 * @param batch how many participants one transaction of the sweep takes on
 * @param evaluationWorkers how many batches of the evaluation sweep this instance works on at once
 * @param importQuiet how long after a participant's last late fact (a history being imported) the
 *        evaluation sweep leaves them alone, so that it judges their whole history, not half of it
 */
@ConfigurationProperties("saathi.sweep")
record EvaluationSweepSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration evaluationEvery,
        @DefaultValue("200") int batch,
        @DefaultValue("2") int evaluationWorkers,
        @DefaultValue("15m") Duration importQuiet) {

    EvaluationSweepSettings {
        if (batch < 1 || evaluationWorkers < 1) {
            throw new IllegalArgumentException("saathi.sweep.batch and evaluation-workers must be 1 or more");
        }
    }
}
