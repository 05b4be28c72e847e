package org.saathi.security;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The separate management port, when one is configured (MANAGEMENT_SERVER_PORT). It is bound to
 * localhost unless the operator says otherwise, so what arrives on it needs no login; on the main
 * port, metrics need one.
 */
@Component
class ManagementPort {

    private final AtomicInteger port = new AtomicInteger(-1);

    @EventListener
    void started(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port.set(event.getWebServer().getPort());
        }
    }

    boolean receivedOn(HttpServletRequest request) {
        return port.get() > 0 && request.getLocalPort() == port.get();
    }
}
