package org.saathi.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in the test process, shared by every test context. It can be stopped and
 * started again on the same port, to play an SMTP server that is down for a while.
 */
public final class TestMail {

    private static GreenMail server;
    private static int port;
    private static boolean running;

    private TestMail() {
    }

    public static synchronized int port() {
        if (server == null) {
            start();
        }
        return port;
    }

    /** Starts the server, on the port it had before when it is restarted (the port may take a moment to free). */
    public static synchronized void start() {
        if (running) {
            return;
        }
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(5_000);
        for (int attempt = 1; ; attempt++) {
            server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
            try {
                server.start();
                break;
            } catch (IllegalStateException portStillTaken) {
                if (attempt == 10) {
                    throw portStillTaken;
                }
                pause();
            }
        }
        port = server.getSmtp().getPort();
        running = true;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public static synchronized void stop() {
        if (server != null && running) {
            server.stop();
            running = false;
        }
    }

    public static synchronized MimeMessage[] received() {
        return server.getReceivedMessages();
    }

    /** Waits until at least this many messages arrived, or the timeout passed; answers what arrived. */
    public static MimeMessage[] awaitAtLeast(int count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] received = received();
            if (received.length >= count) {
                return received;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return received();
    }
}
