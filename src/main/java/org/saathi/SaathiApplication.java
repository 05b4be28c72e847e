package org.saathi;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SaathiApplication {

    public static void main(String[] args) {
        SpringApplication.run(SaathiApplication.class, args);
    }

    /** The one source of "now": rules, deadlines and validation read time from here. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
