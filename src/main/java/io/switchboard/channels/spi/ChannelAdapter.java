package io.switchboard.channels.spi;

import io.switchboard.conversations.MessageContent;
import java.util.List;
import java.util.Optional;

/** Speaks one provider's protocol for one channel. */
public interface ChannelAdapter {

    /** Checks a webhook's signature exactly as the provider computes it. */
    boolean verify(WebhookRequest request);

    /** Answers a subscription handshake (Meta's {@code hub.challenge}); empty when refused or not applicable. */
    default Optional<String> handshake(WebhookRequest request) {
        return Optional.empty();
    }

    /** Turns a stored raw payload into messages and status updates. Must not call the network. */
    List<InboundItem> parse(String payload, String contentType);

    /** Sends one message; never throws for provider answers, only returns the outcome. */
    SendResult send(OutboundRequest request);

    /**
     * Fetches the media a provider holds for a received message ({@code media.url()} is the provider's
     * reference). Called by a background worker, never in a webhook's path. Default: nothing to fetch.
     */
    default MediaFetch fetchMedia(MessageContent.Media media) {
        return new MediaFetch.Failed("this channel keeps no media to fetch", false);
    }

    /** Whether the provider reviews message templates (WhatsApp); others keep templates locally. */
    default boolean reviewsTemplates() {
        return false;
    }

    /** Submits a template for the provider's review; throws an ApiProblem naming what the provider refused. */
    default io.switchboard.channels.ChannelTemplates.Review submitTemplate(
            io.switchboard.channels.ChannelTemplates.TemplateDraft draft) {
        throw io.switchboard.shared.ApiProblem.conflict(
                "templates-not-reviewed", "This channel keeps templates locally; nothing to submit");
    }

    /** The provider's verdict on a submitted template; empty when it cannot be asked now. */
    default Optional<io.switchboard.channels.ChannelTemplates.Review> templateStatus(String providerTemplateId) {
        return Optional.empty();
    }
}
