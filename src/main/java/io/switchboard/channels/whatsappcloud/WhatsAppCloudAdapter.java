package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.WebhookRequest;
import java.util.List;
import java.util.Optional;

/** One WhatsApp Cloud channel: verifies Meta's webhooks, reads them, sends through Graph. */
final class WhatsAppCloudAdapter implements ChannelAdapter {

    private final ChannelConnection connection;
    private final GraphApi graph;
    private final MetaWebhookParser parser;
    private final GraphMessages messages;

    WhatsAppCloudAdapter(
            ChannelConnection connection, GraphApi graph, MetaWebhookParser parser, GraphMessages messages) {
        this.connection = connection;
        this.graph = graph;
        this.parser = parser;
        this.messages = messages;
    }

    @Override
    public boolean verify(WebhookRequest request) {
        return MetaSignature.matches(
                request.body(), request.header(MetaSignature.HEADER), connection.require("appSecret"));
    }

    @Override
    public Optional<String> handshake(WebhookRequest request) {
        String challenge = request.params().get("hub.challenge");
        boolean subscribe = "subscribe".equals(request.params().get("hub.mode"));
        if (!subscribe
                || challenge == null
                || !MetaSignature.sameSecret(
                        request.params().get("hub.verify_token"), connection.require("verifyToken"))) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    @Override
    public List<InboundItem> parse(String payload, String contentType) {
        return parser.parse(payload);
    }

    @Override
    public SendResult send(OutboundRequest request) {
        return messages.body(request.recipient(), request.content())
                .map(body -> graph.send(connection.require("phoneNumberId"), connection.require("accessToken"), body))
                .orElseGet(() -> new SendResult.Failed(
                        "WhatsApp cannot send " + request.content().kind() + " content"));
    }
}
