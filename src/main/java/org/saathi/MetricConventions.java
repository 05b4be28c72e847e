package org.saathi;

import java.util.Locale;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every exposed metric follows Prometheus' conventions, as its own checker (promtool) reads them:
 * a help text on each, and units spelt out in names. Saathi's own meters carry descriptions; these
 * fill the gaps left by the libraries'.
 */
@Configuration(proxyBeanMethods = false)
class MetricConventions {

    /** Counted in milli- or nanoseconds, which Prometheus wants in seconds; process_cpu_usage says the same. */
    @Bean
    MeterFilter withoutSubSecondCounters() {
        return MeterFilter.deny(id -> id.getName().equals("jvm.compilation.time")
                || id.getName().equals("process.cpu.time"));
    }

    @Bean
    MeterFilter helpTextAndSnakeCase() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                // Security filter names arrive in camel case; a gauge may not end in "_count".
                String name = id.getName().equals("system.cpu.count") ? "system.cpu.available"
                        : id.getName().toLowerCase(Locale.ROOT);
                String description = id.getDescription() != null ? id.getDescription() : name;
                return new Meter.Id(name, Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
            }
        };
    }
}
