package io.switchboard.channels.internal;

import io.switchboard.channels.ChannelTemplates;
import io.switchboard.shared.ApiProblem;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Template review through the channel's adapter; another organisation's channel is unknown (404). */
@Component
class ChannelTemplatesImpl implements ChannelTemplates {

    private final ChannelService channels;

    ChannelTemplatesImpl(ChannelService channels) {
        this.channels = channels;
    }

    private Optional<ChannelService.LoadedChannel> channel(UUID orgId, UUID channelId) {
        return channels.load(channelId).filter(c -> c.connection().orgId().equals(orgId));
    }

    @Override
    public Optional<Double> sendRate(UUID orgId, UUID channelId) {
        return channel(orgId, channelId).map(ChannelService.LoadedChannel::ratePerSecond);
    }

    @Override
    public boolean reviewsTemplates(UUID orgId, UUID channelId) {
        return channel(orgId, channelId)
                .map(c -> c.factory().create(c.connection()).reviewsTemplates())
                .orElse(false);
    }

    @Override
    public Review submit(UUID orgId, UUID channelId, TemplateDraft draft) {
        var channel = channel(orgId, channelId).orElseThrow(() -> ApiProblem.notFound("Channel " + channelId));
        return channel.factory().create(channel.connection()).submitTemplate(draft);
    }

    @Override
    public Optional<Review> status(UUID orgId, UUID channelId, String providerTemplateId) {
        return channel(orgId, channelId)
                .flatMap(c -> c.factory().create(c.connection()).templateStatus(providerTemplateId));
    }
}
