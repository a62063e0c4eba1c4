package io.switchboard.channels.spi;

import java.util.List;
import java.util.Map;

/** A provider's HTTP call as it arrived: {@code url} is the public URL the provider signed. */
public record WebhookRequest(
        String method, String url, Map<String, List<String>> headers, Map<String, String> params, byte[] body) {

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().isEmpty() ? null : e.getValue().getFirst())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
