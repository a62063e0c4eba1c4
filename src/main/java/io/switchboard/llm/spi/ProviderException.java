package io.switchboard.llm.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A provider call failed; {@link Kind} tells the gateway whether to retry, move on or cool down. */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** bad or missing key (401/403): retrying cannot help */
        AUTH,
        /** 429: at most one quick retry, then the next provider */
        RATE_LIMITED,
        /** 5xx: transient, retried with backoff */
        SERVER,
        /** connection refused, DNS, reset: transient */
        UNREACHABLE,
        TIMEOUT,
        /** other 4xx: the request itself is wrong for this provider */
        BAD_REQUEST,
        OTHER
    }

    private final Kind kind;
    private final @Nullable Integer status;
    private final @Nullable Duration retryAfter;

    public ProviderException(
            Kind kind,
            @Nullable Integer status,
            @Nullable Duration retryAfter,
            String message,
            @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public @Nullable Integer status() {
        return status;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public boolean transientFailure() {
        return kind == Kind.SERVER || kind == Kind.UNREACHABLE;
    }
}
