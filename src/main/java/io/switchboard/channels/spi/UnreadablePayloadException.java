package io.switchboard.channels.spi;

/**
 * Thrown by {@link ChannelAdapter#parse} when a stored payload can never be understood (garbage JSON,
 * a foreign object type): the event is marked failed at once with this message instead of being
 * retried for hours.
 */
public class UnreadablePayloadException extends RuntimeException {

    public UnreadablePayloadException(String message) {
        super(message);
    }

    public UnreadablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
