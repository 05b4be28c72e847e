package org.saathi.rules;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances sharing one database tell each other they are alive.
 *
 * @param heartbeat how often an instance records that it is alive, and which rule-set version it runs
 * @param lease how long after its last beat an instance still counts as alive; well above the heartbeat,
 *        so that a slow beat is not taken for a dead instance
 */
@ConfigurationProperties("saathi.instances")
public record InstanceSettings(@DefaultValue("10s") Duration heartbeat, @DefaultValue("30s") Duration lease) {

    public InstanceSettings {
        if (heartbeat.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("saathi.instances.heartbeat must be at least 1s, and the lease at "
                    + "least twice the heartbeat");
        }
    }
}
