package org.saathi.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param futureTolerance how far ahead of the server's clock a fact's time may be (device clocks drift)
 * @param backfillHorizon how old a fact may be and still be accepted
 * @param batchLimit the most items in one batch request
 * @param idempotencyRetention how long the answer to a request with an Idempotency-Key is kept
 */
@ConfigurationProperties("saathi.ingest")
record IngestSettings(
        @DefaultValue("5m") Duration futureTolerance,
        @DefaultValue("365d") Duration backfillHorizon,
        @DefaultValue("1000") int batchLimit,
        @DefaultValue("7d") Duration idempotencyRetention) {

    IngestSettings {
        if (futureTolerance.isNegative() || backfillHorizon.isNegative() || batchLimit < 1) {
            throw new IllegalArgumentException("saathi.ingest settings must be positive");
        }
    }
}
