package org.saathi.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The rule-set versions the live instances on this database run. During a deployment, or after a
 * reload on one instance only, they differ: the same check-in could then be judged by two rule
 * sets, and staff should know. This instance records itself as it starts, at every heartbeat, and
 * just before it answers, so its own version is never stale.
 */
@Service
public class RuleSetsInUse {

    /** One live instance: its id, the version it runs, when it started and last beat. */
    public record Instance(String id, String ruleSetVersion, Instant startedAt, Instant heartbeatAt) {
    }

    /** The live instances, the distinct versions they run, and whether there is more than one. */
    public record Versions(List<String> versions, boolean differ, List<Instance> instances) {
    }

    private final String id = UUID.randomUUID().toString();
    private final InstanceStore store;
    private final ActiveRuleSet rules;
    private final InstanceSettings settings;
    private final Clock clock;

    RuleSetsInUse(InstanceStore store, ActiveRuleSet rules, InstanceSettings settings, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.settings = settings;
        this.clock = clock;
    }

    /** This instance's id, as other instances see it. */
    public String instanceId() {
        return id;
    }

    public Versions now() {
        beat();
        List<Instance> alive = store.aliveSince(clock.instant().minus(settings.lease()));
        List<String> versions = alive.stream().map(Instance::ruleSetVersion).distinct().sorted().toList();
        return new Versions(versions, versions.size() > 1, alive);
    }

    @Scheduled(fixedDelayString = "${saathi.instances.heartbeat:10s}")
    void beat() {
        CompiledRuleSet current = rules.current();
        if (current != null) {
            store.beat(id, current.version(), clock.instant());
        }
    }

    @PreDestroy
    void leave() {
        store.leave(id);
    }
}
