package io.switchboard.channels.spi;

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
