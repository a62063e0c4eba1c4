package io.switchboard.channels.spi;

import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** The outcome of fetching the media a provider holds for an inbound message. */
public sealed interface MediaFetch {

    /** The bytes, streaming; the caller closes {@code body}. */
    record Fetched(
            InputStream body, String contentType, @Nullable String filename) implements MediaFetch {}

    /** Could not fetch; {@code retryable} when trying again later may work (timeouts, 5xx, throttling). */
    record Failed(String reason, boolean retryable) implements MediaFetch {}
}
