package io.switchboard.channels;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules (campaigns) need of a channel beyond sending: its send cap, and the provider's
 * template review where there is one (WhatsApp Cloud: Meta's {@code message_templates} API).
 */
public interface ChannelTemplates {

    /** Messages per second the channel is allowed to send; empty when the channel is unknown in the organisation. */
    Optional<Double> sendRate(UUID orgId, UUID channelId);

    /** Whether templates of this channel go through a provider review (else they are local and usable at once). */
    boolean reviewsTemplates(UUID orgId, UUID channelId);

    /** Submits a template for review; throws an {@link io.switchboard.shared.ApiProblem} when the provider refuses it. */
    Review submit(UUID orgId, UUID channelId, TemplateDraft draft);

    /** The provider's current verdict on a submitted template; empty when it cannot be asked now. */
    Optional<Review> status(UUID orgId, UUID channelId, String providerTemplateId);

    /**
     * A template as submitted. Variables are {@code {{1}}}-style or named ({@code {{first_name}}}); samples in
     * order of first appearance.
     */
    record TemplateDraft(
            String name,
            String language,
            String category,
            @Nullable String header,
            String body,
            @Nullable String footer,
            List<Button> buttons,
            List<Variable> variables) {}

    /** @param type quick_reply, url or phone_number */
    record Button(
            String type,
            String text,
            @Nullable String url,
            @Nullable String phoneNumber) {}

    record Variable(String name, String sample) {}

    /** @param status pending, approved, rejected, paused or disabled */
    record Review(
            String providerTemplateId,
            String status,
            @Nullable String reason) {}
}
