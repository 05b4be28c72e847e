package org.saathi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP requests sent from a loopback address of the caller's choice (127.0.0.2, 127.0.0.3, ...),
 * which Linux routes over the loopback interface, so that the service sees logins from several
 * source addresses. The JDK's HttpClient cannot choose its local address on Java 17.
 */
public final class FromAddress {

    private final InetAddress local;
    private final int port;

    private FromAddress(InetAddress local, int port) {
        this.local = local;
        this.port = port;
    }

    public static FromAddress of(String localAddress, int port) {
        try {
            return new FromAddress(InetAddress.getByName(localAddress), port);
        } catch (IOException notAnAddress) {
            throw new IllegalArgumentException(localAddress, notAnAddress);
        }
    }

    /** The status of a GET with HTTP Basic credentials. */
    public int get(String path, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + token
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream answer = socket.getInputStream();
            String statusLine = new String(answer.readNBytes(12), StandardCharsets.US_ASCII);
            answer.readAllBytes();
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException failed) {
            throw new IllegalStateException("request from " + local + " failed: GET " + path, failed);
        }
    }
}
