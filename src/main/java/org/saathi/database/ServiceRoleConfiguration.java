package org.saathi.database;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The role the service connects as, on the embedded database and on a configured server alike:
 * every start grants it what it needs once the migrations have run (see afterMigrate__service_role_grants.sql),
 * and a start whose role could change the audit log warns.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoleConfiguration {

    /**
     * Migrations and the grants after them name the service's role as {@code ${service_role}};
     * where they run as it too, it is the same.
     */
    @Bean
    FlywayConfigurationCustomizer serviceRolePlaceholder(ObjectProvider<DataSource> dataSource) {
        return configuration -> {
            DataSource service = dataSource.getIfUnique();
            if (service == null) {
                return;
            }
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put("service_role",
                    JdbcClient.create(service).sql("SELECT current_user").query(String.class).single());
            configuration.placeholders(placeholders);
        };
    }

    @Bean
    ServiceRoleCheck serviceRoleCheck(ObjectProvider<DataSource> dataSource) {
        return new ServiceRoleCheck(dataSource);
    }
}
