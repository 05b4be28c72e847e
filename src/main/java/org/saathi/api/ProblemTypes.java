package org.saathi.api;

import java.net.URI;

import org.springframework.http.HttpStatusCode;

/** Stable problem type URIs: integrations may switch on them, so they never change. */
public final class ProblemTypes {

    private static final String PREFIX = "urn:saathi:problem:";

    private ProblemTypes() {
    }

    public static URI of(String kind) {
        return URI.create(PREFIX + kind);
    }

    /** The type of problems raised by the web framework itself, which only knows the status. */
    static URI forStatus(HttpStatusCode status) {
        return of(switch (status.value()) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 409 -> "conflict";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            default -> status.is5xxServerError() ? "server-error" : "http-" + status.value();
        });
    }
}
