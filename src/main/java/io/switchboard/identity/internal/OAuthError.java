package io.switchboard.identity.internal;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth protocol error (RFC 6749 §5.2, RFC 7591 §3.2.2): answered as {@code {"error", "error_description"}}
 * as the specs require, not as Problem Details, so standard clients understand it.
 */
final class OAuthError extends RuntimeException {

    private final String error;
    private final int status;
    /** Where the error goes when the client's redirect URI is known and trusted (authorize endpoint). */
    private final @Nullable String redirect;

    OAuthError(int status, String error, String description, @Nullable String redirect) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.redirect = redirect;
    }

    static OAuthError badRequest(String error, String description) {
        return new OAuthError(400, error, description, null);
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description, null);
    }

    String error() {
        return error;
    }

    int status() {
        return status;
    }

    @Nullable
    String redirect() {
        return redirect;
    }
}
