package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.ChannelTemplates;
import io.switchboard.shared.ApiProblem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's template review: {@code POST /{waba-id}/message_templates} (name, language, category,
 * components with examples) and {@code GET /{template-id}?fields=id,name,language,status,rejected_reason}.
 */
final class GraphTemplates {

    private final HttpClient client;
    private final String baseUrl;
    private final JsonMapper json;

    GraphTemplates(String baseUrl, JsonMapper json) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.json = json;
    }

    ChannelTemplates.Review submit(String wabaId, String accessToken, ChannelTemplates.TemplateDraft draft) {
        var response = call(HttpRequest.newBuilder(URI.create(baseUrl + "/" + wabaId + "/message_templates"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .header(HttpHeaders.ACCEPT, "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body(draft)))));
        JsonNode answer = read(response.body());
        if (response.statusCode() / 100 != 2) {
            JsonNode error = answer.path("error");
            String message = error.path("error_user_msg")
                    .asString(error.path("message").asString("HTTP " + response.statusCode()));
            throw ApiProblem.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "template-refused",
                    "Template refused by WhatsApp",
                    "WhatsApp refused the template: " + message,
                    java.util.Map.of("providerStatus", response.statusCode()));
        }
        String id = answer.path("id").asString("");
        if (id.isEmpty()) {
            throw ApiProblem.of(
                    HttpStatus.BAD_GATEWAY,
                    "provider-error",
                    "Unexpected answer",
                    "WhatsApp accepted the template but answered no id",
                    java.util.Map.of());
        }
        return new ChannelTemplates.Review(id, status(answer.path("status").asString("PENDING")), null);
    }

    Optional<ChannelTemplates.Review> status(String accessToken, String templateId) {
        HttpResponse<String> response;
        try {
            response = call(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/" + templateId + "?fields=id,name,language,status,rejected_reason"))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .header(HttpHeaders.ACCEPT, "application/json")
                    .GET());
        } catch (ApiProblem unreachable) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) return Optional.empty();
        JsonNode answer = read(response.body());
        String reason = answer.path("rejected_reason").asString("");
        return Optional.of(new ChannelTemplates.Review(
                templateId,
                status(answer.path("status").asString("PENDING")),
                reason.isEmpty() || reason.equals("NONE") ? null : reason));
    }

    /** Meta's statuses (APPROVED, REJECTED, PENDING, PAUSED, DISABLED, IN_APPEAL, ...) as ours. */
    static String status(String meta) {
        return switch (meta.toUpperCase(Locale.ROOT)) {
            case "APPROVED" -> "approved";
            case "REJECTED" -> "rejected";
            case "PAUSED", "FLAGGED" -> "paused";
            case "DISABLED", "DELETED", "PENDING_DELETION", "ARCHIVED" -> "disabled";
            default -> "pending";
        };
    }

    ObjectNode body(ChannelTemplates.TemplateDraft draft) {
        boolean positional = draft.variables().stream().allMatch(v -> v.name().matches("\\d+"));
        ObjectNode root = json.createObjectNode()
                .put("name", draft.name())
                .put("language", draft.language())
                .put("category", draft.category().toUpperCase(Locale.ROOT))
                .put("parameter_format", positional ? "positional" : "named");
        ArrayNode components = root.putArray("components");
        if (draft.header() != null && !draft.header().isBlank()) {
            ObjectNode header = components
                    .addObject()
                    .put("type", "HEADER")
                    .put("format", "TEXT")
                    .put("text", draft.header());
            var inHeader = draft.variables().stream()
                    .filter(v -> draft.header().contains("{{" + v.name() + "}}"))
                    .toList();
            if (!inHeader.isEmpty()) {
                if (positional) {
                    ArrayNode samples = header.putObject("example").putArray("header_text");
                    inHeader.forEach(v -> samples.add(v.sample()));
                } else {
                    ArrayNode samples = header.putObject("example").putArray("header_text_named_params");
                    inHeader.forEach(
                            v -> samples.addObject().put("param_name", v.name()).put("example", v.sample()));
                }
            }
        }
        ObjectNode body = components.addObject().put("type", "BODY").put("text", draft.body());
        var inBody = draft.variables().stream()
                .filter(v -> draft.body().contains("{{" + v.name() + "}}"))
                .toList();
        if (!inBody.isEmpty()) {
            if (positional) {
                body.putObject("example")
                        .putArray("body_text")
                        .addArray()
                        .addAll(inBody.stream()
                                .map(v -> json.getNodeFactory().stringNode(v.sample()))
                                .toList());
            } else {
                ArrayNode samples = body.putObject("example").putArray("body_text_named_params");
                inBody.forEach(
                        v -> samples.addObject().put("param_name", v.name()).put("example", v.sample()));
            }
        }
        if (draft.footer() != null && !draft.footer().isBlank()) {
            components.addObject().put("type", "FOOTER").put("text", draft.footer());
        }
        if (!draft.buttons().isEmpty()) {
            ArrayNode buttons = components.addObject().put("type", "BUTTONS").putArray("buttons");
            for (var button : draft.buttons()) {
                ObjectNode node = buttons.addObject()
                        .put("type", button.type().toUpperCase(Locale.ROOT))
                        .put("text", button.text());
                if (button.url() != null) node.put("url", button.url());
                if (button.phoneNumber() != null) node.put("phone_number", button.phoneNumber());
            }
        }
        return root;
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw ApiProblem.of(
                    HttpStatus.BAD_GATEWAY,
                    "provider-unreachable",
                    "Provider unreachable",
                    "The WhatsApp Graph API could not be reached: " + e.getMessage(),
                    java.util.Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "provider-unreachable",
                    "Interrupted",
                    "Interrupted while calling WhatsApp",
                    java.util.Map.of());
        }
    }

    private JsonNode read(@Nullable String body) {
        try {
            return body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }
}
