package org.saathi.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is read only through a stream that counts its size and its time. A form's
 * fields (the login form's too) are read through that stream as well, rather than by the server,
 * which would wait for a slow body with no bound.
 */
final class LimitedRequest extends HttpServletRequestWrapper {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final long deadline;
    private ServletInputStream stream;
    private Map<String, String[]> parameters;

    /** @param deadline the {@link System#nanoTime()} by which the body must have arrived */
    LimitedRequest(HttpServletRequest request, long deadline) {
        super(request);
        this.deadline = deadline;
    }

    /**
     * The body's type as the server reads it, lower case: what comes before any ';', so that a type
     * whose parameters are malformed is still taken for what the server would take it.
     */
    static String typeOf(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counting(super.getInputStream(), deadline);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        if (!isForm()) {
            return super.getParameterMap();
        }
        if (parameters == null) {
            parameters = queryAndForm();
        }
        return parameters;
    }

    /** A form the server would read itself, with its own stream, if asked for a field. */
    private boolean isForm() {
        return "POST".equals(getMethod()) && FORM.equals(typeOf(this));
    }

    /** The query's fields first, then the form's, as the server itself would give them. */
    private Map<String, String[]> queryAndForm() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        String body;
        try {
            body = new String(getInputStream().readAllBytes(), charset);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        // The stream is taken now, so the server's own map holds the query's fields only.
        Map<String, List<String>> fields = new LinkedHashMap<>();
        super.getParameterMap().forEach((name, values) -> fields.computeIfAbsent(name, key -> new ArrayList<>())
                .addAll(List.of(values)));
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                if (!name.isEmpty()) {
                    fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                }
            } catch (IllegalArgumentException malformed) {
                // A broken escape drops that field only, as the server's own parser does.
            }
        }
        Map<String, String[]> answer = new LinkedHashMap<>();
        fields.forEach((name, values) -> answer.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(answer);
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long deadline;
        private long count;

        Counting(ServletInputStream delegate, long deadline) {
            this.delegate = delegate;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            onTime();
            int next = delegate.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            onTime();
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) throws IOException {
            onTime();
            count += read;
            if (count > RequestBodyLimit.LIMIT.toBytes()) {
                throw new RequestBodyLimit.BodyTooLargeException();
            }
        }

        private void onTime() throws RequestBodyLimit.BodyTooSlowException {
            if (System.nanoTime() - deadline > 0) {
                throw new RequestBodyLimit.BodyTooSlowException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
