package io.switchboard.channels.spi;

import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a stored webhook payload means. */
public sealed interface InboundItem {

    /** A contact wrote. {@code externalId} is how the provider names the contact (wa_id, phone, visitor id). */
    record Message(
            String externalId,
            @Nullable String displayName,
            @Nullable String phoneE164,
            @Nullable String providerMessageId,
            Instant sentAt,
            MessageContent content)
            implements InboundItem {}

    /** The provider reports on a message we sent. May arrive out of order or before we recorded the send. */
    record StatusUpdate(
            String providerMessageId,
            DeliveryState state,
            Instant at,
            @Nullable String error) implements InboundItem {}

    /** The provider reviewed a message template (approved, rejected, paused, disabled). */
    record TemplateStatus(
            String providerTemplateId,
            @Nullable String name,
            @Nullable String language,
            String status,
            @Nullable String reason)
            implements InboundItem {}
}
