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

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is read only through a stream that counts its size and its time. A form's
 * fields (the login form's too) are read through that stream as well, rather than by the server,
 * which would wait for a slow body with no bound; so they are capped in number as the server caps
 * them. Its charset was checked by {@link RequestBodyLimit} before.
 */
final class LimitedRequest extends HttpServletRequestWrapper {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final long deadline;
    private final int maxFields;
    private ServletInputStream stream;
    private Map<String, String[]> parameters;

    /**
     * @param deadline  the {@link System#nanoTime()} by which the body must have arrived
     * @param maxFields how many fields the query and the form may hold together; negative: no cap
     */
    LimitedRequest(HttpServletRequest request, long deadline, int maxFields) {
        super(request);
        this.deadline = deadline;
        this.maxFields = maxFields;
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

    /**
     * The charset a body says it is in, UTF-8 when it says none. Read from the header itself: the
     * server drops a charset it does not know and reads the body as UTF-8, which is not what was sent.
     */
    static Charset charsetOf(HttpServletRequest request) throws UnknownCharsetException {
        String encoding = request.getCharacterEncoding();
        String type = request.getContentType();
        for (String parameter : type == null ? new String[0] : type.split(";")) {
            String named = parameter.strip();
            if (named.regionMatches(true, 0, "charset=", 0, 8)) {
                encoding = named.substring(8).replace("\"", "");
            }
        }
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding.strip());
        } catch (IllegalArgumentException unknown) {
            throw new UnknownCharsetException();
        }
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getInputStream(), deadline);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return new BufferedReader(new InputStreamReader(getInputStream(), charsetOf(this)));
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
        String body;
        Charset charset;
        try {
            charset = charsetOf(this);
            body = new String(getInputStream().readAllBytes(), charset);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        // The stream is taken now, so the server's own map holds the query's fields only.
        Map<String, List<String>> fields = new LinkedHashMap<>();
        super.getParameterMap().forEach((name, values) -> fields.computeIfAbsent(name, key -> new ArrayList<>())
                .addAll(List.of(values)));
        addForm(fields, body, charset);
        Map<String, String[]> answer = new LinkedHashMap<>();
        fields.forEach((name, values) -> answer.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(answer);
    }

    private void addForm(Map<String, List<String>> fields, String body, Charset charset) {
        int count = fields.values().stream().mapToInt(List::size).sum();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty() && maxFields >= 0 && ++count > maxFields) {
                throw new UncheckedIOException(new TooManyFieldsException());
            }
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
    }

    static final class UnknownCharsetException extends IOException {
        UnknownCharsetException() {
            super("request body in an unknown charset");
        }
    }

    static final class TooManyFieldsException extends IOException {
        TooManyFieldsException() {
            super("form with too many fields");
        }
    }
}
