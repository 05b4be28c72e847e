package org.saathi.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.saathi.api.ApiProblem;
import org.saathi.api.Digests;
import org.saathi.api.FieldProblem;
import org.saathi.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests sent with an {@code Idempotency-Key}: the first answer is stored with the request's hash
 * in the same transaction as its facts; a repeat gets that answer back, and the same key with
 * another body is refused. Keys are per client, so two integrations cannot collide.
 */
@Component
class Idempotency {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final IngestSettings settings;

    Idempotency(JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions, Clock clock,
            IngestSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** Runs the work once per key; the work's own transaction joins the one that stores the answer. */
    ResponseEntity<?> once(Caller caller, String key, String path, Object request,
            Supplier<ResponseEntity<?>> work) {
        if (key == null) {
            return transactions.execute(status -> work.get());
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String hash = Digests.sha256Hex(path + "\n" + json.writeValueAsString(request));
        return transactions.execute(status -> {
            boolean claimed = jdbc.sql("""
                            INSERT INTO idempotent_request (client, idempotency_key, request_hash, created_at)
                            VALUES (:client, :key, :hash, :now)
                            ON CONFLICT (client, idempotency_key) DO NOTHING""")
                    .param("client", caller.clientKey())
                    .param("key", key)
                    .param("hash", hash)
                    .param("now", Timestamp.from(clock.instant()))
                    .update() == 1;
            if (!claimed) {
                return replay(caller, key, hash);
            }
            ResponseEntity<?> answer = work.get();
            jdbc.sql("""
                            UPDATE idempotent_request SET response_status = :status, response_body = :body
                            WHERE client = :client AND idempotency_key = :key""")
                    .param("status", answer.getStatusCode().value())
                    .param("body", json.writeValueAsString(answer.getBody()))
                    .param("client", caller.clientKey())
                    .param("key", key)
                    .update();
            return answer;
        });
    }

    private ResponseEntity<?> replay(Caller caller, String key, String hash) {
        record Stored(String hash, int status, String body) {
        }
        Optional<Stored> stored = jdbc.sql("""
                        SELECT request_hash, response_status, response_body FROM idempotent_request
                        WHERE client = :client AND idempotency_key = :key""")
                .param("client", caller.clientKey())
                .param("key", key)
                .query((rs, row) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .optional();
        Stored first = stored.orElseThrow(() -> new IllegalStateException("idempotency record vanished"));
        if (!first.hash().equals(hash)) {
            throw ApiProblem.unprocessable("idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used before with a different request.",
                    List.of(new FieldProblem(HEADER, "was used before with a different request")));
        }
        return ResponseEntity.status(first.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true")
                .body(first.body());
    }

    /** Keeps the table small: answers older than the retention are forgotten. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldAnswers() {
        jdbc.sql("DELETE FROM idempotent_request WHERE created_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(settings.idempotencyRetention())))
                .update();
    }
}
