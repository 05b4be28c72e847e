package org.saathi.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The load generator, a client of the service in this process (the service runs in its own):
 * single check-ins from many clients as fast as they are answered (closed loop), single check-ins
 * on a fixed schedule (open loop), and batches.
 */
final class CheckInLoad {

    static final int BATCH_LIMIT = 1000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;
    private final CheckIns checkIns;

    CheckInLoad(String baseUrl, String key, CheckIns checkIns) {
        this.baseUrl = baseUrl;
        this.authorization = "Bearer " + key;
        this.checkIns = checkIns;
    }

    /** {@code clients} each posting one check-in after another; counted are those answered within the measurement. */
    Tally closedLoop(int clients, Duration warmUp, Duration measure) throws InterruptedException {
        return loop(clients, warmUp, measure, () -> single(checkIns.live()), 1);
    }

    /**
     * Check-ins sent on a fixed schedule at {@code perSecond}, whatever the answers do. Latency runs
     * from the time a request was due, not from when it went out, so that a slow answer that holds
     * up the sender still counts in full (no coordinated omission).
     */
    Tally openLoop(double perSecond, Duration warmUp, Duration measure) {
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime() + 100_000_000L;
        Tally tally = new Tally(start + warmUp.toNanos(), start + warmUp.toNanos() + measure.toNanos());
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (long due = start; due < tally.to(); due += interval) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long scheduled = due;
            sent.add(client.sendAsync(single(checkIns.live()), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, failure) -> tally.record(scheduled, System.nanoTime(), scheduled, 1,
                            failure != null ? failure.toString() : problemOf(answer, 201))));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES)
                .exceptionally(failure -> null).join();
        return tally;
    }

    /**
     * Each participant's history posted as an integration importing it would: whole histories, as
     * many participants as fit in a batch of {@value #BATCH_LIMIT}, from {@code clients} at once.
     */
    Tally backfill(int days, int clients) throws InterruptedException {
        int perParticipant = days * 3;
        int participantsPerBatch = Math.max(1, BATCH_LIMIT / perParticipant);
        Instant now = Instant.now();
        ConcurrentLinkedQueue<List<String>> batches = new ConcurrentLinkedQueue<>();
        for (int first = 0; first < checkIns.participantCount(); first += participantsPerBatch) {
            List<String> items = new ArrayList<>();
            for (int p = first; p < Math.min(first + participantsPerBatch, checkIns.participantCount()); p++) {
                items.addAll(checkIns.history(checkIns.participant(p), days, now));
            }
            batches.add(items);
        }
        Tally tally = new Tally(System.nanoTime(), Long.MAX_VALUE);
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(started(() -> {
                List<String> items;
                while ((items = batches.poll()) != null) {
                    send(batch(items), items.size(), tally);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return tally.finish();
    }

    /** Batches of one live check-in for each of {@value #BATCH_LIMIT} participants, as an app syncing them would. */
    Tally liveBatches(int clients, Duration warmUp, Duration measure) throws InterruptedException {
        int size = Math.min(BATCH_LIMIT, checkIns.participantCount());
        return loop(clients, warmUp, measure, () -> batch(checkIns.live(size)), size);
    }

    private Tally loop(int clients, Duration warmUp, Duration measure, Supplier<HttpRequest> request, int items)
            throws InterruptedException {
        long start = System.nanoTime();
        Tally tally = new Tally(start + warmUp.toNanos(), start + warmUp.toNanos() + measure.toNanos());
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(started(() -> {
                while (System.nanoTime() < tally.to()) {
                    send(request.get(), items, tally);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return tally;
    }

    /** A request of {@code items} check-ins: one is a single POST, answered 201; more are a batch. */
    private void send(HttpRequest request, int items, Tally tally) {
        long sent = System.nanoTime();
        String problem;
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            problem = request.uri().getPath().endsWith("/batch") ? batchProblemOf(answer, items)
                    : problemOf(answer, 201);
        } catch (Exception failure) {
            problem = failure.toString();
        }
        long answered = System.nanoTime();
        tally.record(sent, answered, answered, items, problem);
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "bench-client");
        thread.start();
        return thread;
    }

    private HttpRequest single(String body) {
        return post("/api/v1/check-ins", body);
    }

    private HttpRequest batch(List<String> items) {
        return post("/api/v1/check-ins/batch", "{\"items\":[" + String.join(",", items) + "]}");
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String problemOf(HttpResponse<String> answer, int expected) {
        return answer.statusCode() == expected ? null : answer.statusCode() + " " + answer.body();
    }

    private static String batchProblemOf(HttpResponse<String> answer, int items) {
        if (answer.statusCode() != 200) {
            return answer.statusCode() + " " + answer.body();
        }
        return answer.body().contains("\"created\":" + items + ",") ? null
                : "not all created: " + answer.body().substring(Math.max(0, answer.body().indexOf("\"created\"")));
    }
}
