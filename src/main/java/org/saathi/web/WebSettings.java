package org.saathi.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param refreshEvery how often an open alert queue asks for new rows */
@ConfigurationProperties("saathi.web")
public record WebSettings(@DefaultValue("15s") Duration refreshEvery) {

    public WebSettings {
        if (refreshEvery.toMillis() < 500) {
            throw new IllegalArgumentException("saathi.web.refresh-every must be at least 500ms");
        }
    }
}
