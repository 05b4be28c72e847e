package org.saathi.rules;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The rule-set versions the live instances run. Still up when they differ, as they do for a moment in
 * every rolling deployment; the details say so, for whoever watches readiness.
 */
@Component("instancesHealthIndicator")
class RuleSetsInUseHealth implements HealthIndicator {

    private final RuleSetsInUse inUse;

    RuleSetsInUseHealth(RuleSetsInUse inUse) {
        this.inUse = inUse;
    }

    @Override
    public Health health() {
        RuleSetsInUse.Versions now = inUse.now();
        Health.Builder health = Health.up().withDetail("instance", inUse.instanceId())
                .withDetail("versions", now.versions()).withDetail("differ", now.differ())
                .withDetail("instances", now.instances());
        return now.differ() ? health.withDetail("warning", "The live instances run different rule-set versions: "
                + String.join(", ", now.versions()) + ".").build() : health.build();
    }
}
