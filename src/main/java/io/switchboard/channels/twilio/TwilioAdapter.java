package io.switchboard.channels.twilio;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.MediaFetch;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.WebhookRequest;
import io.switchboard.conversations.MessageContent;
import java.util.List;

/** One Twilio channel (SMS or WhatsApp): checks Twilio's signature, reads its webhooks, sends via the SDK. */
final class TwilioAdapter implements ChannelAdapter {

    private final ChannelConnection connection;
    private final TwilioSender sender;
    private final TwilioApi api;

    TwilioAdapter(ChannelConnection connection, TwilioSender sender, TwilioApi api) {
        this.connection = connection;
        this.sender = sender;
        this.api = api;
    }

    @Override
    public MediaFetch fetchMedia(MessageContent.Media media) {
        if (media.url() == null) {
            return new MediaFetch.Failed("no Twilio media URL on this message", false);
        }
        return api.download(media.url(), connection.require("accountSid"), connection.require("authToken"));
    }

    @Override
    public boolean verify(WebhookRequest request) {
        return TwilioSignature.matches(request, connection.require("authToken"));
    }

    @Override
    public List<InboundItem> parse(String payload, String contentType) {
        return TwilioWebhookParser.parse(payload);
    }

    @Override
    public SendResult send(OutboundRequest request) {
        return sender.send(connection, request);
    }
}
