package io.switchboard.channels.spi;

import io.switchboard.conversations.MessageContent;
import java.util.UUID;

/** One message to deliver; {@code idempotencyKey} is stable across retries of the same message. */
public record OutboundRequest(UUID messageId, String recipient, MessageContent content, String idempotencyKey) {}
