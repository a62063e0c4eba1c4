package io.switchboard.channels;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A provider reported a template review outcome by webhook (WhatsApp's {@code
 * message_template_status_update}). Published in the transaction that processes the stored webhook.
 *
 * @param status approved, rejected, paused, disabled or pending (lower case)
 */
public record TemplateStatusReported(
        UUID orgId,
        UUID channelId,
        String providerTemplateId,
        @Nullable String name,
        @Nullable String language,
        String status,
        @Nullable String reason) {}
