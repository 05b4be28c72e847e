package org.saathi.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout how long a request's whole body may take to arrive; the server's connection
 *                timeout bounds only each pause between two reads, so a body trickled a byte at a
 *                time would otherwise hold a server thread for as long as the sender likes
 */
@ConfigurationProperties("saathi.request-body")
public record RequestBodySettings(@DefaultValue("30s") Duration timeout) {

    public RequestBodySettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("saathi.request-body.timeout must be positive");
        }
    }
}
