package io.switchboard.channels.internal;

import io.switchboard.channels.ChannelEndpoints;
import io.switchboard.channels.spi.ChannelConnection;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
class ChannelEndpointsService implements ChannelEndpoints {

    private final ChannelService channels;
    private final InboundInbox inbox;

    ChannelEndpointsService(ChannelService channels, InboundInbox inbox) {
        this.channels = channels;
        this.inbox = inbox;
    }

    @Override
    public Optional<ChannelConnection> enabledByPublicId(String type, String publicId) {
        return channels.loadByPublicId(publicId)
                .filter(ChannelService.LoadedChannel::enabled)
                .filter(c -> c.factory().type().equals(type))
                .map(ChannelService.LoadedChannel::connection);
    }

    @Override
    public long storeInbound(ChannelConnection channel, String payload, String contentType) {
        return inbox.store(channel.orgId(), channel.id(), payload, contentType);
    }
}
