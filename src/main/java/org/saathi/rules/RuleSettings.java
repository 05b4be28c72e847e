package org.saathi.rules;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory the rules folder: {@code signals/}, {@code escalation/}, {@code tests/}, {@code thresholds.yaml}
 * @param window how far back an evaluation looks at a participant's facts
 * @param baseline how far back the personal baseline of craving and mood looks
 */
@ConfigurationProperties("saathi.rules")
record RuleSettings(
        @DefaultValue("rules") Path directory,
        @DefaultValue("28d") Duration window,
        @DefaultValue("14d") Duration baseline) {
}
