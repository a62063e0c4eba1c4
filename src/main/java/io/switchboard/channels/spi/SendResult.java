package io.switchboard.channels.spi;

import java.time.Duration;

/** The outcome of one send attempt. */
public sealed interface SendResult {

    /** Accepted by the provider under this id; delivery is reported later by status callbacks. */
    record Sent(String providerMessageId) implements SendResult {}

    /** Delivered synchronously (sandbox, web chat). */
    record Delivered(String providerMessageId) implements SendResult {}

    /** Rate limited or a transient error: try again after the given time. */
    record RetryLater(Duration after, String reason) implements SendResult {}

    /** Will never succeed as is (bad number, rejected template, auth failure). */
    record Failed(String reason) implements SendResult {}
}
