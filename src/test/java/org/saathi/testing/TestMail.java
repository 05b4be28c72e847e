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

    private TestMail() {
    }

    public static synchronized int port() {
        if (server == null) {
            start();
        }
        return port;
    }

    public static synchronized void start() {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        server.start();
        port = server.getSmtp().getPort();
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop();
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
