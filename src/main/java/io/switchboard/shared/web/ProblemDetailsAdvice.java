package io.switchboard.shared.web;

import io.switchboard.shared.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error leaves as RFC 9457 Problem Details with a stable {@code type}. Validation problems
 * list the offending fields as {@code errors: [{field, message}]}; nothing ever carries a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    static ProblemDetail toProblemDetail(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setType(problem.type());
        detail.setTitle(problem.title());
        problem.properties().forEach(detail::setProperty);
        return detail;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        var response = ResponseEntity.status(problem.status());
        if (problem.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return response.body(toProblemDetail(problem));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return validation(List.of(new FieldProblem(e.getName(), "must be " + expected)));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemResponses.problem(
                        HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", e.getMessage()));
    }

    /** Overload (no database connection free in time) is temporary: say so, and when to retry. */
    @ExceptionHandler({
        org.springframework.transaction.CannotCreateTransactionException.class,
        org.springframework.dao.DataAccessResourceFailureException.class,
        org.springframework.dao.TransientDataAccessException.class
    })
    ResponseEntity<ProblemDetail> overloaded(RuntimeException e) {
        log.warn("Temporarily unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemResponses.problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "temporarily-unavailable",
                        "Temporarily unavailable",
                        "The server is busy; retry in a moment. Nothing was changed."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error, incident {}", incident, e);
        ProblemDetail problem = ProblemResponses.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. Quote incident " + incident + " when reporting it.");
        problem.setProperty("incident", incident);
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(validation(fieldProblems(ex.getBindingResult())));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors().forEach(error -> {
                    String field = error instanceof FieldError fe
                            ? fe.getField()
                            : result.getMethodParameter().getParameterName();
                    problems.add(new FieldProblem(field, error.getDefaultMessage()));
                }));
        return asObject(validation(problems));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException tooLarge) {
                return asObject(tooLarge(tooLarge));
            }
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid);
            Class<?> target = invalid.getTargetType();
            return asObject(validation(List.of(new FieldProblem(field, "must be " + describe(target)))));
        }
        if (cause instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            return asObject(validation(List.of(new FieldProblem(
                    path(mismatched),
                    "has the wrong type"
                            + (mismatched.getTargetType() == null
                                    ? ""
                                    : ", expected " + describe(mismatched.getTargetType()))))));
        }
        String detail = cause instanceof JacksonException jackson
                ? "Malformed JSON: " + jackson.getOriginalMessage()
                : "The request body is missing or is not valid JSON";
        return asObject(ResponseEntity.badRequest()
                .body(ProblemResponses.problem(
                        HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail)));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            String slug = HttpStatus.resolve(statusCode.value()) == null
                    ? "http-" + statusCode.value()
                    : HttpStatus.resolve(statusCode.value())
                            .name()
                            .toLowerCase()
                            .replace('_', '-');
            problem.setType(java.net.URI.create(ApiProblem.TYPE_BASE + slug));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    record FieldProblem(String field, @Nullable String message) {}

    private static ResponseEntity<ProblemDetail> validation(List<FieldProblem> problems) {
        String detail =
                problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        ProblemDetail problem =
                ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty(
                "errors",
                problems.stream()
                        .map(p -> Map.of("field", p.field(), "message", String.valueOf(p.message())))
                        .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        result.getFieldErrors()
                .forEach(e -> problems.add(new FieldProblem(
                        e.getField(), e.isBindingFailure() ? "has an invalid value" : e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> problems.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        return problems;
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString())
                            .collect(Collectors.joining(", "));
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an ISO-8601 date-time";
        }
        return "a valid " + type.getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> asObject(ResponseEntity<?> response) {
        return (ResponseEntity<Object>) response;
    }
}
