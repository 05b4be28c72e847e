package org.saathi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The staff page as plain HTTP: a session cookie and the CSRF token of the last page, carried by
 * hand (the JDK keeps Secure cookies off plain HTTP), redirects not followed so tests see them.
 */
public final class PageClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private String cookie;
    private String csrf;

    private PageClient(int port) {
        this.port = port;
    }

    /** A client without a session. */
    public static PageClient anonymous(int port) {
        return new PageClient(port);
    }

    /** A client logged in through the form. */
    public static PageClient loggedIn(int port, String staffId, String password) {
        PageClient client = new PageClient(port);
        HttpResponse<String> loggedIn = client.logIn(staffId, password);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).as("login").endsWith("/alerts");
        client.get("/alerts");
        return client;
    }

    /** Submits the login form; answers the form's answer, a redirect. */
    public HttpResponse<String> logIn(String staffId, String password) {
        get("/login");
        return post("/login", Map.of("username", staffId, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** Posts a form with the CSRF token of the last page seen. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return postWithoutToken(path, fields, true);
    }

    /** Posts a form as a forged cross-site request would: without the CSRF token. */
    public HttpResponse<String> forge(String path, Map<String, String> fields) {
        return postWithoutToken(path, fields, false);
    }

    public String cookie() {
        return cookie;
    }

    private HttpResponse<String> postWithoutToken(String path, Map<String, String> fields, boolean withToken) {
        String form = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        if (withToken) {
            assertThat(csrf).as("a page with a CSRF token was seen").isNotNull();
            form += (form.isEmpty() ? "" : "&") + "_csrf=" + encode(csrf);
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("SAATHI_SESSION="))
                    .findFirst().ifPresent(value -> cookie = value.substring(0, value.indexOf(';')));
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return response;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
