package io.switchboard.channels;

import io.switchboard.channels.spi.ChannelConnection;
import java.util.Optional;

/**
 * Channels that serve their own public endpoints (the web chat widget API) instead of a provider
 * webhook: look a channel up by its public id and put what its visitors write on the same durable
 * inbound path a webhook uses.
 */
public interface ChannelEndpoints {

    /** The enabled channel of this type with this public id, secrets decrypted; empty when unknown or disabled. */
    Optional<ChannelConnection> enabledByPublicId(String type, String publicId);

    /**
     * Commits a raw inbound payload to the inbox (then the adapter's {@code parse} turns it into
     * messages, exactly as for a webhook); returns once it is durable, with the event id.
     */
    long storeInbound(ChannelConnection channel, String payload, String contentType);
}
