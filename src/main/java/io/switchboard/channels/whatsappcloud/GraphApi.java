package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.spi.SendResult;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Graph API calls for sending, with Meta's answers mapped to {@link SendResult}s. Thread-safe, one per app. */
final class GraphApi {

    /** Meta's throttling codes: app/account/pair rate limits and spam-rate limiting. */
    static final Set<Integer> THROTTLED = Set.of(4, 80007, 130429, 131056);

    static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    private final RestClient http;
    private final JsonMapper json;

    GraphApi(String baseUrl, JsonMapper json) {
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        factory.setReadTimeout(Duration.ofSeconds(15));
        this.http = RestClient.builder()
                .requestFactory(factory)
                .baseUrl(baseUrl.replaceAll("/+$", ""))
                .build();
        this.json = json;
    }

    SendResult send(String phoneNumberId, String accessToken, ObjectNode body) {
        try {
            return http.post()
                    .uri("/{phoneNumberId}/messages", phoneNumberId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body))
                    .exchange((request, response) -> answer(
                            response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            return new SendResult.RetryLater(DEFAULT_RETRY, "Graph API unreachable: " + e.getMessage());
        }
    }

    SendResult answer(int status, @Nullable String retryAfter, String body) {
        JsonNode answer = readOrEmpty(body);
        if (status >= 200 && status < 300) {
            String id = answer.path("messages").path(0).path("id").asString("");
            // no id means we cannot track it; not retried, since Meta may well have sent it
            return id.isEmpty()
                    ? new SendResult.Failed("Graph API answered " + status + " without a message id")
                    : new SendResult.Sent(id);
        }
        JsonNode error = answer.path("error");
        int code = error.path("code").asInt(0);
        String message = error.path("message").asString("HTTP " + status);
        String details = error.path("error_data").path("details").asString("");
        String reason = "WhatsApp error " + (code == 0 ? status : code) + ": " + message
                + (details.isEmpty() || details.equals(message) ? "" : " (" + details + ")");
        if (status == 429 || THROTTLED.contains(code)) {
            return new SendResult.RetryLater(retryAfter(retryAfter), reason);
        }
        if (status >= 500) {
            return new SendResult.RetryLater(DEFAULT_RETRY, reason);
        }
        return new SendResult.Failed(reason);
    }

    private JsonNode readOrEmpty(String body) {
        try {
            return body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (JacksonException e) {
            return json.missingNode(); // a proxy's HTML error page: the status alone decides
        }
    }

    /** Retry-After in seconds (Meta and proxies use the seconds form). */
    static Duration retryAfter(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Math.min(3600, Long.parseLong(header.trim()))));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY;
        }
    }
}
