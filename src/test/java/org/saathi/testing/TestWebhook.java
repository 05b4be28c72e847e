package org.saathi.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver standing in for an SMS gateway: it records every request and answers with the
 * statuses a test queues up (200 when none is queued). {@link #check} checks a signature as the
 * README tells a gateway to, written out here rather than borrowed from Saathi, so that what the
 * README says is what is tested.
 */
public final class TestWebhook {

    public static final String SECRET = "test-webhook-secret-0123456789";

    /** One request as received. */
    public record Received(Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What a gateway makes of a call. */
    public enum Verdict { ACCEPTED, BAD_SIGNATURE, TOO_OLD, REPEAT }

    /** How far a signed time may be from the receiver's clock, as the README says. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The README's check: recompute, compare in constant time, refuse a stale time, drop a key seen before. */
    public static Verdict check(Received call, Instant now, Set<String> seenKeys) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String part : call.header("Saathi-Signature").split(",")) {
            String[] pair = part.split("=", 2);
            parts.put(pair[0].strip(), pair[1].strip());
        }
        long t = Long.parseLong(parts.get("t"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(call.body())).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, parts.get("v1").getBytes(StandardCharsets.UTF_8))) {
            return Verdict.BAD_SIGNATURE;
        }
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return Verdict.TOO_OLD;
        }
        return seenKeys.add(call.header("Idempotency-Key")) ? Verdict.ACCEPTED : Verdict.REPEAT;
    }

    /** A queued answer: a status and its headers. */
    public record Answer(int status, Map<String, String> headers) {
    }

    private static HttpServer server;
    private static final List<Received> RECEIVED = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Deque<Answer> ANSWERS = new ConcurrentLinkedDeque<>();

    private TestWebhook() {
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException failure) {
                throw new IllegalStateException(failure);
            }
            server.createContext("/hook", exchange -> {
                RECEIVED.add(new Received(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
                Answer answer = ANSWERS.pollFirst();
                int status = answer == null ? 200 : answer.status();
                if (answer != null) {
                    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                }
                exchange.sendResponseHeaders(status, -1);
                try (OutputStream ignored = exchange.getResponseBody()) {
                    // no body
                }
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public static void answer(int status, Map<String, String> headers) {
        ANSWERS.addLast(new Answer(status, headers));
    }

    public static List<Received> received() {
        synchronized (RECEIVED) {
            return List.copyOf(RECEIVED);
        }
    }

    public static void clear() {
        RECEIVED.clear();
        ANSWERS.clear();
    }
}
