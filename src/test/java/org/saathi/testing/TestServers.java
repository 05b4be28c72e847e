package org.saathi.testing;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points every test context at the in-process SMTP server and webhook receiver. */
public final class TestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-servers", Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(TestMail.port()),
                "saathi.notify.webhook.url", TestWebhook.url(),
                "saathi.notify.webhook.secret", TestWebhook.SECRET,
                "saathi.notify.webhook.allow-plain-http", "true")));
    }
}
