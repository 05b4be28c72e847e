package org.saathi.rules;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory the rules folder: {@code signals/}, {@code escalation/}, {@code tests/}, {@code thresholds.yaml}
 * @param window how far back an evaluation looks at a participant's facts
 * @param baseline how far back the personal baseline of craving and mood looks
 * @param candidates the folder of candidate rule sets a backtest may name, one rules folder each
 */
@ConfigurationProperties("saathi.rules")
record RuleSettings(
        @DefaultValue("rules") Path directory,
        @DefaultValue("28d") Duration window,
        @DefaultValue("14d") Duration baseline,
        @DefaultValue("data/rule-candidates") Path candidates) {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(28);
    static final Duration DEFAULT_BASELINE = Duration.ofDays(14);
}
