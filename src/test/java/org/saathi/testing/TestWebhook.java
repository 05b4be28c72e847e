package org.saathi.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver standing in for an SMS gateway: it records every request and answers with the
 * statuses a test queues up (200 when none is queued).
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
