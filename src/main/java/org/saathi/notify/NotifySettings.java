package org.saathi.notify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl where staff open Saathi; links in messages point there
 * @param from the sender address of e-mails
 * @param messageIdDomain the domain part of e-mail Message-IDs
 * @param templates a folder whose message templates replace the built-in ones, file by file
 * @param firstRetry the pause after the first failed attempt; it doubles after each further one
 * @param longestRetry the longest pause between attempts
 * @param retryFor how long a notification is retried before it is marked failed (at least a day)
 * @param dispatcher whether this instance delivers notifications
 * @param poll how often the dispatcher looks for due notifications when nothing wakes it
 * @param batch how many notifications one dispatcher thread claims at a time
 * @param threads how many dispatcher threads this instance runs; they share the work as instances do
 * @param webhook where webhook notifications go, and how they are signed
 */
@ConfigurationProperties("saathi.notify")
record NotifySettings(
        @DefaultValue("http://localhost:8080") URI baseUrl,
        @DefaultValue("saathi@localhost") String from,
        @DefaultValue("saathi.local") String messageIdDomain,
        Path templates,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("26h") Duration retryFor,
        @DefaultValue("true") boolean dispatcher,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("20") int batch,
        @DefaultValue("4") int threads,
        @DefaultValue Webhook webhook) {

    NotifySettings {
        if (retryFor.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("saathi.notify.retry-for must be at least 24h: nothing may be lost "
                    + "because a channel was down for an afternoon");
        }
    }

    /**
     * @param url the gateway's endpoint; https unless plain http is allowed for local use
     * @param secret the key of the HMAC-SHA256 signature sent in Saathi-Signature
     * @param allowPlainHttp allow an http:// url (a gateway on the same host, a test receiver)
     * @param legacySignature also send the body-only X-Saathi-Signature of earlier releases, which a
     *        captured call can be replayed with; for one release, until gateways check Saathi-Signature
     */
    record Webhook(URI url, String secret, @DefaultValue("false") boolean allowPlainHttp,
            @DefaultValue("10s") Duration timeout, @DefaultValue("true") boolean legacySignature) {

        Webhook {
            if (url != null && !"https".equalsIgnoreCase(url.getScheme())
                    && !("http".equalsIgnoreCase(url.getScheme()) && allowPlainHttp)) {
                throw new IllegalArgumentException("saathi.notify.webhook.url must be https (set "
                        + "saathi.notify.webhook.allow-plain-http=true only for a gateway on this host)");
            }
            if (url != null && (secret == null || secret.length() < 16)) {
                throw new IllegalArgumentException("saathi.notify.webhook.secret must be at least 16 characters");
            }
        }
    }
}
