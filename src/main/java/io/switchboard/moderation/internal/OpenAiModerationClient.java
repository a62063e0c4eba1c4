package io.switchboard.moderation.internal;

import io.switchboard.llm.OpenAiAccess;
import io.switchboard.moderation.Moderation.Finding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI's moderation API ({@code POST {base}/moderations}, bearer key). */
@Component
class OpenAiModerationClient {

    /** What the API said; {@code error} set means it could not be asked. */
    record Verdict(boolean flagged, List<Finding> categories, String error) {
        static Verdict failed(String error) {
            return new Verdict(false, List.of(), error);
        }

        boolean failed() {
            return !error.isEmpty();
        }
    }

    private final OpenAiAccess access;
    private final JsonMapper json;
    private final Duration timeout;
    private final HttpClient http;

    OpenAiModerationClient(
            OpenAiAccess access,
            JsonMapper json,
            @Value("${switchboard.moderation.openai-timeout:5s}") Duration timeout) {
        this.access = access;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    Verdict moderate(UUID orgId, String text) {
        var endpoint = access.forOrganization(orgId);
        if (endpoint.isEmpty()) {
            return Verdict.failed("no OpenAI key configured (add an OpenAI provider or set OPENAI_API_KEY)");
        }
        String base = endpoint.get().baseUrl();
        try {
            URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "moderations");
            var request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .header("Authorization", "Bearer " + endpoint.get().apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            json.writeValueAsString(Map.of("model", "omni-moderation-latest", "input", text))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return Verdict.failed("HTTP " + response.statusCode() + " from the moderation API");
            }
            JsonNode result = json.readTree(response.body()).path("results").path(0);
            if (result.isMissingNode()) {
                return Verdict.failed("the moderation API answered without results");
            }
            List<Finding> categories = new ArrayList<>();
            for (var category : result.path("categories").properties()) {
                if (category.getValue().asBoolean(false)) {
                    double score = result.path("category_scores")
                            .path(category.getKey())
                            .asDouble(0);
                    categories.add(new Finding(
                            "openai:" + category.getKey(), String.format(java.util.Locale.ROOT, "score %.2f", score)));
                }
            }
            return new Verdict(result.path("flagged").asBoolean(false), categories, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.failed("interrupted");
        } catch (java.io.IOException | RuntimeException e) {
            return Verdict.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
