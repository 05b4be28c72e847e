package org.saathi.security;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A separate management port serves metrics without a login, so it listens on this machine only
 * unless the operator names another address: setting the port alone must never open the metrics
 * to the network.
 */
class ManagementAddress implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("management.server.port");
        String serverPort = environment.getProperty("server.port", "8080");
        boolean separate = port != null && !port.isBlank() && !port.equals(serverPort) && !"-1".equals(port);
        if (separate && !environment.containsProperty("management.server.address")) {
            environment.getPropertySources().addLast(new MapPropertySource("saathi-management-address",
                    Map.of("management.server.address", "127.0.0.1")));
        }
    }
}
