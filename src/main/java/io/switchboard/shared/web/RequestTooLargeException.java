package io.switchboard.shared.web;

/** Raised while reading a request body that grows past the configured cap. */
public class RequestTooLargeException extends RuntimeException {
    public RequestTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
    }
}
