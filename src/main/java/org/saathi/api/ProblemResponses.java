package org.saathi.api;

import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become RFC 9457 problems. Bad input is always a 4xx naming the
 * field; an unexpected failure is a 500 without internals, logged here with its stack trace.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> refused(ApiProblem problem) {
        return problem(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("Request failed unexpectedly", failure);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed. Nothing was changed; it is safe to retry.");
        problem.setType(ProblemTypes.of("server-error"));
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(failure, RequestBodyLimit.BodyTooLargeException.class)) {
            return problem(ApiProblem.tooLarge(RequestBodyLimit.describe()));
        }
        if (causedBy(failure, RequestBodyLimit.BodyTooSlowException.class)) {
            return problem(ApiProblem.tooSlow(RequestBodyLimit.describeSlow()));
        }
        if (failure.getCause() instanceof JacksonException json) {
            return problem(ApiProblem.invalid(JsonProblems.describe(json)));
        }
        return problem(ApiProblem.invalid("body", "a JSON body is required"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ApiProblem.invalid(fieldProblems(failure.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException failure,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = failure.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return problem(ApiProblem.invalid(errors));
    }

    /** A query parameter or path variable of the wrong type ({@code ?page=abc}) names itself. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException failure, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = failure instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(failure.getPropertyName());
        Class<?> type = failure.getRequiredType();
        String expected = type == null ? "has the wrong type"
                : type == int.class || type == Integer.class || type == long.class || type == Long.class
                        ? "must be a whole number" : type == boolean.class || type == Boolean.class
                                ? "must be true or false" : "has the wrong type";
        return problem(ApiProblem.invalid(name, expected));
    }

    /** Problems the framework raises itself (405, 415, 406, unknown paths) get our stable types too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(failure, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemTypes.forStatus(status));
        }
        return response;
    }

    /** Field problems in a stable order, so that a client sees the same answer twice. */
    public static List<FieldProblem> fieldProblems(BindingResult result) {
        return result.getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> problem(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
    }
}
