package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.spi.MediaFetch;
import io.switchboard.channels.spi.SendResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final HttpClient client;
    private final String baseUrl;
    private final JsonMapper json;

    GraphApi(String baseUrl, JsonMapper json) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        var factory = new JdkClientHttpRequestFactory(client);
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
        return failure(status, retryAfter, answer);
    }

    /** An uploaded media id, or why the upload failed (as the send's outcome). */
    record Upload(@Nullable String mediaId, @Nullable SendResult failure) {}

    /**
     * {@code POST /{phone-number-id}/media}: uploads a file for sending by id (more robust than a link
     * Meta must fetch, and it works without a public URL). Streams the file, never holds it in memory.
     */
    Upload upload(String phoneNumberId, String accessToken, String mimeType, String filename, InputStream file) {
        String boundary = "switchboard-" + java.util.UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                + "whatsapp\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n"
                + mimeType + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replaceAll("[\"\\r\\n]", "_") + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + phoneNumberId + "/media"))
                .timeout(Duration.ofMinutes(2))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofInputStream(() -> file),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = readOrEmpty(response.body());
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                String id = answer.path("id").asString("");
                return id.isEmpty()
                        ? new Upload(null, new SendResult.RetryLater(DEFAULT_RETRY, "media upload answered no id"))
                        : new Upload(id, null);
            }
            return new Upload(
                    null,
                    failure(
                            response.statusCode(),
                            response.headers()
                                    .firstValue(HttpHeaders.RETRY_AFTER)
                                    .orElse(null),
                            answer));
        } catch (IOException e) {
            return new Upload(null, new SendResult.RetryLater(DEFAULT_RETRY, "media upload failed: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Upload(null, new SendResult.RetryLater(DEFAULT_RETRY, "media upload interrupted"));
        }
    }

    /**
     * Received media: {@code GET /{media-id}} answers a short-lived URL, which is downloaded with the same
     * bearer token (Meta refuses it without).
     */
    MediaFetch download(String mediaId, String accessToken) {
        try {
            var meta = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/" + mediaId))
                            .timeout(Duration.ofSeconds(15))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                            .header(HttpHeaders.ACCEPT, "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = readOrEmpty(meta.body());
            if (meta.statusCode() < 200 || meta.statusCode() >= 300) {
                return fetchFailure("media lookup", meta.statusCode(), answer);
            }
            String url = answer.path("url").asString("");
            if (url.isEmpty()) {
                return new MediaFetch.Failed("media lookup answered no url", true);
            }
            var file = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(2))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (file.statusCode() < 200 || file.statusCode() >= 300) {
                String body;
                try (var in = file.body()) {
                    body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                }
                return fetchFailure("media download", file.statusCode(), readOrEmpty(body));
            }
            String type = answer.path("mime_type")
                    .asString(
                            file.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("application/octet-stream"));
            return new MediaFetch.Fetched(file.body(), type, null);
        } catch (IOException | IllegalArgumentException e) {
            return new MediaFetch.Failed("Graph API unreachable: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MediaFetch.Failed("interrupted", true);
        }
    }

    private static MediaFetch fetchFailure(String step, int status, JsonNode answer) {
        String message = answer.path("error").path("message").asString("HTTP " + status);
        // throttling and server errors pass; other refusals (expired or unknown media) stay
        boolean retryable = status == 429 || status >= 500 || status == 401;
        return new MediaFetch.Failed(step + " failed: WhatsApp error " + status + ": " + message, retryable);
    }

    private SendResult failure(int status, @Nullable String retryAfter, JsonNode answer) {
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
