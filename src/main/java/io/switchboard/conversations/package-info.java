/**
 * Conversations and messages: the inbox. Channels record what arrives through {@link
 * io.switchboard.conversations.Conversations}; replies are appended here and handed to channels as
 * {@link io.switchboard.conversations.OutboundMessageRequested} in the same transaction.
 */
@ApplicationModule(displayName = "Conversations")
@NullMarked
package io.switchboard.conversations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
