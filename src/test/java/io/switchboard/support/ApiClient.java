package io.switchboard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the public API, as any integrator would use it. Each client pretends to
 * come from its own IP (X-Forwarded-For from loopback is trusted) so per-IP limits don't leak
 * between tests.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String ip;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
        var r = ThreadLocalRandom.current();
        this.ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String raw) {
        public JsonNode json() {
            return raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        public String contentType() {
            return header("content-type");
        }
    }

    public String ip() {
        return ip;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").POST(bodyOf(body)));
    }

    public Response put(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").PUT(bodyOf(body)));
    }

    public Response patch(String path, Object body, String token) {
        return send(
                request(path, token).header("Content-Type", "application/json").method("PATCH", bodyOf(body)));
    }

    /** multipart/form-data with one file part, as a browser upload sends it. */
    public Response upload(
            String path, String part, String filename, String contentType, byte[] content, String token) {
        String boundary = "----switchboard" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return raw("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray(), token);
    }

    public Response raw(String method, String path, String contentType, byte[] body, String token) {
        var builder = request(path, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", ip)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }
}
