package org.saathi.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.saathi.api.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every API request that changes something says its body is JSON, even when it has nothing to say
 * ({@code {}}). A browser sends a request with no type, a text or a form type from any page
 * without asking the service first; a JSON one it sends across origins only after the service
 * agreed, which it never does. A DELETE without a body needs no type: no browser sends one from
 * another origin without asking either. Runs after authentication and access decisions, so that
 * a caller without access hears that first.
 */
final class JsonChanges extends OncePerRequestFilter {

    private static final Set<String> ALWAYS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ProblemWriter problems;

    JsonChanges(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (needsJson(request) && !isJson(request.getContentType())) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "A " + request.getMethod()
                    + " to the API needs Content-Type: application/json and a JSON body ({} when there is "
                    + "nothing more to say).");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean needsJson(HttpServletRequest request) {
        String method = request.getMethod();
        return ALWAYS_WITH_BODY.contains(method)
                || "DELETE".equals(method) && (request.getContentLengthLong() > 0
                        || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
