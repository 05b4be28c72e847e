package org.saathi.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.saathi.roster.Channel;
import org.saathi.roster.StaffContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON POST to an SMS or WhatsApp gateway, signed over the time of sending and the body in
 * {@code Saathi-Signature} (each attempt signs anew), with the notification's id as
 * {@code Idempotency-Key}. For one release the body-only {@code X-Saathi-Signature: sha256=<hex>}
 * is sent beside it, unless turned off, so that gateways can move over.
 * TLS certificates are checked as the JDK checks them. A 429 is retried after its Retry-After; any
 * other 4xx means the gateway refuses this message, so it is marked failed rather than repeated.
 */
@Component
class WebhookCourier implements Courier {

    static final String LEGACY_SIGNATURE = "X-Saathi-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookCourier.class);

    private final NotifySettings.Webhook webhook;
    private final Optional<WebhookSignature> signature;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    WebhookCourier(NotifySettings settings, JsonMapper json, Clock clock) {
        this.webhook = settings.webhook();
        if (webhook.url() != null && webhook.legacySignature()) {
            log.warn("Webhook calls also carry the old {} header, which has no timestamp: a captured call "
                    + "passes its check for ever. Once the gateway checks {}, set "
                    + "SAATHI_NOTIFY_WEBHOOK_LEGACY_SIGNATURE=false", LEGACY_SIGNATURE, WebhookSignature.HEADER);
        }
        this.signature = Optional.ofNullable(webhook.secret()).map(WebhookSignature::new);
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(webhook.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Delivery deliver(Outgoing message, StaffContact to) {
        if (webhook.url() == null) {
            return new Delivery.Retry("no webhook configured (saathi.notify.webhook.url)", Optional.empty());
        }
        if (to.phone().isEmpty()) {
            return new Delivery.Failed("staff member has no phone number");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", message.id().toString());
        payload.put("alertId", message.alertId().toString());
        payload.put("event", message.kind());
        payload.put("to", Map.of("staffId", to.id(), "name", to.name(), "phone", to.phone().get()));
        payload.put("text", message.body());
        byte[] body = json.writeValueAsBytes(payload);
        WebhookSignature signing = signature.orElseThrow(); // the settings require a secret with a url
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(webhook.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.id().toString())
                .header(WebhookSignature.HEADER, signing.sign(clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (webhook.legacySignature()) {
            request.header(LEGACY_SIGNATURE, signing.legacy(body));
        }
        return send(request.build());
    }

    private Delivery send(HttpRequest request) {
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Delivery.Sent();
            }
            if (status == 429) {
                return new Delivery.Retry("HTTP 429 from the gateway", retryAfter(response));
            }
            if (status >= 400 && status < 500) {
                return new Delivery.Failed("HTTP " + status + " from the gateway: it refuses this message");
            }
            return new Delivery.Retry("HTTP " + status + " from the gateway", Optional.empty());
        } catch (IOException unreachable) {
            return new Delivery.Retry(unreachable.getClass().getSimpleName() + ": " + unreachable.getMessage(),
                    Optional.empty());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Delivery.Retry("interrupted", Optional.empty());
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }
}
