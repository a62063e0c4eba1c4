package io.switchboard.shared;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on, answered as RFC 9457 Problem Details with a stable {@code type}.
 * Throw one of the factory results; the web layer turns it into {@code application/problem+json}.
 */
public final class ApiProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://switchboard.dev/problems/";

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;
    private final @Nullable Duration retryAfter;

    private ApiProblem(
            HttpStatus status,
            String type,
            String title,
            String detail,
            Map<String, Object> properties,
            @Nullable Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = properties;
        this.retryAfter = retryAfter;
    }

    /** Another organisation's object answers exactly like a missing one. */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found", Map.of(), null);
    }

    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, "Conflict", detail, Map.of(), null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, Map.of(), null);
    }

    public static ApiProblem unauthorized(String type, String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, type, "Unauthorized", detail, Map.of(), null);
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                field + ": " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))),
                null);
    }

    public static ApiProblem badRequest(String type, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, type, "Bad request", detail, Map.of(), null);
    }

    /** 413: an upload or fetched resource over a size cap; {@code field} names what was too large. */
    public static ApiProblem tooLarge(String field, String message) {
        return new ApiProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "too-large",
                "Too large",
                field + ": " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))),
                null);
    }

    /**
     * Any other status, e.g. 502/504 when a provider the organisation configured failed a test call.
     * {@code properties} become extra members of the problem document.
     */
    public static ApiProblem of(
            HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
        return new ApiProblem(status, type, title, detail, Map.copyOf(properties), null);
    }

    public static ApiProblem tooManyRequests(String detail, Duration retryAfter) {
        return new ApiProblem(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                detail,
                Map.of("retryAfterSeconds", Math.max(1, retryAfter.toSeconds())),
                retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(TYPE_BASE + type);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
