package org.saathi.database;

import java.io.IOException;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL inside the service when {@code spring.datasource.url} is not set. With a URL
 * set, this configuration does nothing and Spring Boot connects to that server as usual.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseSettings settings) throws IOException {
        return EmbeddedDatabase.start(settings);
    }

    /** The service's own connections, as the role that cannot change the audit log. Closed before the server stops. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(DatabaseRoles.SERVICE);
        dataSource.setPassword(database.secret().service());
        dataSource.setPoolName("saathi-embedded");
        return dataSource;
    }

    /** Migrations run as the owner of the schema, not as the service. */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(EmbeddedDatabase database) {
        return configuration -> configuration.dataSource(database.jdbcUrl(), DatabaseRoles.OWNER,
                database.secret().owner());
    }
}
