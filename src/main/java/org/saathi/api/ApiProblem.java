package org.saathi.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request refused for a reason its sender can act on. Thrown anywhere below a controller,
 * answered as {@code application/problem+json} with a stable {@code type} per kind of problem.
 * The detail never carries personal data.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String title;
    private final List<FieldProblem> errors;

    ApiProblem(HttpStatus status, String kind, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(new FieldProblem(field, message));
    }

    public static ApiProblem invalid(FieldProblem error) {
        return invalid(List.of(error));
    }

    public static ApiProblem invalid(List<FieldProblem> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ".", errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail, List.of());
    }

    public static ApiProblem conflict(String kind, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, kind, title, detail, List.of());
    }

    public static ApiProblem unprocessable(String kind, String title, String detail, List<FieldProblem> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, kind, title, detail, errors);
    }

    public static ApiProblem busy(String kind, String title, String detail) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, kind, title, detail, List.of());
    }

    public static ApiProblem tooLarge(String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large", detail, List.of());
    }

    public static ApiProblem tooSlow(String detail) {
        return new ApiProblem(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request body too slow", detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(ProblemTypes.of(kind));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Stack traces of refused requests help nobody and cost time on a hot path. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
