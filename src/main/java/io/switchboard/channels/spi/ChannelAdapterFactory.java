package io.switchboard.channels.spi;

import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A long-lived factory per provider type with a stable id ({@code whatsapp_cloud}, {@code sandbox}
 * ...) that creates short-lived adapters bound to one channel's configuration.
 */
public interface ChannelAdapterFactory {

    /** Stable type id stored on the channel. */
    String type();

    /** Path segment of the webhook URL: {@code /webhooks/{webhookPath}/{channelId}}; empty when the channel has none. */
    Optional<String> webhookPath();

    /** Config keys; the {@link ConfigField#secret()} ones are write-only and stored encrypted. */
    List<ConfigField> configFields();

    /** Messages per second the provider allows by default. */
    double defaultRatePerSecond();

    /** WhatsApp's customer-service window: outside it only templates may be sent. */
    default Optional<Duration> customerServiceWindow() {
        return Optional.empty();
    }

    ChannelAdapter create(ChannelConnection connection);

    /** Whether received media must be fetched from the provider ({@link ChannelAdapter#fetchMedia}). */
    default boolean fetchesInboundMedia() {
        return false;
    }

    /** Default limit for channels without a provider of their own (sandbox, web chat). */
    long DEFAULT_MEDIA_LIMIT = 25L * 1024 * 1024;

    /**
     * Why a stored file cannot go out on this channel (too large, a type the provider refuses, a setting
     * missing), as the problem to answer; empty when it can. The problem should name {@code file}.
     */
    default Optional<ApiProblem> checkMedia(String mimeType, long sizeBytes) {
        if (sizeBytes > DEFAULT_MEDIA_LIMIT) {
            return Optional.of(
                    ApiProblem.invalidField("file", "is larger than 25 MB, the limit of " + type() + " channels"));
        }
        return Optional.empty();
    }

    record ConfigField(String name, boolean required, boolean secret, String description) {}

    /** Validates config on create/update; answer field → problem for each invalid entry. */
    default Map<String, String> validate(Map<String, String> config) {
        var problems = new java.util.LinkedHashMap<String, String>();
        for (ConfigField field : configFields()) {
            String value = config.get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                problems.put("config." + field.name(), "is required for " + type());
            }
        }
        return problems;
    }
}
