package io.switchboard.channels.spi;

import java.util.Map;
import java.util.UUID;

/** One channel's settings with its secrets decrypted, handed to an adapter. Never serialise it. */
public record ChannelConnection(
        UUID id, UUID orgId, String type, String publicId, Map<String, String> config, String webhookUrl) {

    public String require(String key) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Channel " + id + " has no " + key);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ChannelConnection[" + id + ", " + type + "]";
    }
}
