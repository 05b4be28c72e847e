package org.saathi.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests refused before they reach the application (an encoded slash or NUL in a path, which
 * Tomcat refuses, or a path that the security firewall refuses) are answered as problems as well.
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblems {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Bean
    WebSecurityCustomizer firewallProblems(ProblemWriter problems) {
        RequestRejectedHandler handler = (request, response, rejected) -> problems.write(response,
                HttpStatus.BAD_REQUEST, "The request path or headers contain characters that are not allowed.");
        return web -> web.requestRejectedHandler(handler);
    }

    /** Tomcat's last resort, writing problem JSON instead of an HTML page. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable failure) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus resolved = HttpStatus.resolve(status);
            String title = resolved == null ? "Error" : resolved.getReasonPhrase();
            String type = ProblemTypes.forStatus(resolved == null ? HttpStatus.BAD_REQUEST : resolved).toString();
            String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"The request was refused: " + title + ".\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // the client went away; there is nobody left to tell
            }
        }
    }
}
