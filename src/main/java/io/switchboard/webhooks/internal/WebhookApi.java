package io.switchboard.webhooks.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Request and answer bodies of {@code /api/v1/webhooks}. */
final class WebhookApi {

    private WebhookApi() {}

    record WebhookEventType(
            @Schema(description = "e.g. message.received") String type,
            String description,

            @Schema(description = "false while the module that emits it is not built yet")
            boolean available) {}

    record WebhookEndpointInput(
            @Nullable
            @Schema(description = "https URL that receives POSTs; checked against private and loopback ranges")
            String url,

            @Nullable @Size(max = 500) String description,

            @Nullable @Size(max = 50) @Schema(description = "event types to receive (see /api/v1/webhooks/event-types)")
            List<String> events,

            @Nullable Boolean enabled) {}

    record WebhookEndpoint(
            UUID id,
            String url,
            @Nullable String description,
            List<String> events,
            boolean enabled,

            @Nullable
            @Schema(description = "why deliveries stopped (dead after retries, 410 Gone, or an administrator)")
            String disabledReason,

            @Nullable Instant disabledAt,

            @Nullable @Schema(description = "after a rotation: until when the previous secret also signs")
            Instant previousSecretExpiresAt,

            Instant createdAt,
            Instant updatedAt) {}

    record WebhookEndpointCreated(
            WebhookEndpoint endpoint,

            @Schema(description = "the signing secret (whsec_...), shown this once")
            String secret) {}

    record WebhookSecret(
            @Schema(description = "the new signing secret (whsec_...), shown this once")
            String secret,

            @Schema(description = "until then every delivery carries a second signature made with the previous secret")
            Instant previousSecretExpiresAt) {}

    record WebhookAttempt(
            Instant attemptedAt,
            @Nullable Integer responseStatus,

            @Nullable @Schema(description = "the start of the answer (4 KiB at most)")
            String responseBody,

            @Nullable @Schema(description = "why no answer came (timeout, refused URL, connection error)")
            String error,

            int durationMs) {}

    record WebhookDelivery(
            UUID id,

            @Schema(description = "the webhook-id header: the same on every attempt, for deduplication")
            String messageId,

            String eventType,

            @Schema(description = "pending, sending, succeeded or dead")
            String status,

            int attempts,

            @Nullable @Schema(description = "when the next attempt is due (pending deliveries only)")
            Instant nextAttemptAt,

            @Nullable Instant lastAttemptAt,
            @Nullable Integer lastStatus,
            @Nullable String lastError,
            @Nullable Instant deliveredAt,
            Instant createdAt,

            @Schema(description = "headers of the latest attempt")
            Map<String, String> requestHeaders,

            @Schema(description = "the signed JSON body (8 KiB shown at most)")
            String requestBody,

            @Nullable @Schema(description = "the start of the latest answer")
            String responseBody,

            @Schema(description = "latest first, 20 at most")
            List<WebhookAttempt> attemptLog) {}
}
