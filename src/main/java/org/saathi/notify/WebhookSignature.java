package org.saathi.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Saathi-Signature} of a webhook call: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">}. The time is signed with the body, so that a captured call cannot be replayed once
 * it is older than the receiver's tolerance; within it, the receiver drops repeats by their
 * {@code Idempotency-Key}. Calls posted to Saathi are to be checked the same way.
 */
public final class WebhookSignature {

    public static final String HEADER = "Saathi-Signature";
    /** How far a signed time may be from the receiver's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;

    public WebhookSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header's value for a body sent at this moment. */
    public String sign(Instant at, byte[] body) {
        long seconds = at.getEpochSecond();
        return "t=" + seconds + ",v1=" + hmac(seconds, body);
    }

    /**
     * Whether a header signs this body, at a time within {@link #TOLERANCE} of {@code now}. Any
     * {@code v1} that matches will do, so that a sender can sign with an old and a new secret while
     * it changes them.
     */
    public boolean verifies(String header, byte[] body, Instant now) {
        if (header == null) {
            return false;
        }
        Long seconds = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
                seconds = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (seconds == null || Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] expected = hmac(seconds, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    /** The signature of the body alone, sent beside the new one for one release, for gateways still checking it. */
    String legacy(byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac().doFinal(body));
    }

    private String hmac(long seconds, byte[] body) {
        Mac mac = mac();
        mac.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", impossible);
        }
    }
}
