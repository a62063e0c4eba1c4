package io.switchboard.channels;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Channels as other modules see them: which agent answers on a channel, and what kind it is. */
public interface ChannelDirectory {

    /** The agent attached to the channel; empty when none (or the channel is unknown in this organisation). */
    Optional<UUID> agentOf(UUID orgId, UUID channelId);

    Optional<ChannelInfo> find(UUID orgId, UUID channelId);

    /** The channels an agent answers on. */
    List<ChannelInfo> withAgent(UUID orgId, UUID agentId);

    /** The agent was deleted: its channels stop answering automatically. */
    void detachAgent(UUID orgId, UUID agentId);

    /** @param type whatsapp_cloud, twilio_whatsapp, twilio_sms, webchat, sandbox, ... */
    record ChannelInfo(
            UUID id, String type, String name, @Nullable UUID agentId, boolean enabled) {}
}
