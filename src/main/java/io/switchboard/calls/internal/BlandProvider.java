package io.switchboard.calls.internal;

import io.switchboard.calls.CallStatus;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bland AI over its HTTP API: {@code POST /v1/calls}, {@code GET /v1/calls/{id}}, {@code POST
 * /v1/calls/{id}/stop}, {@code POST /v1/calls/{id}/analyze}; the raw API key goes in the {@code
 * authorization} header.
 */
final class BlandProvider implements VoiceProvider {

    private static final Logger log = LoggerFactory.getLogger(BlandProvider.class);

    private final RestClient http;
    private final String apiKey;
    private final JsonMapper json;

    BlandProvider(String baseUrl, String apiKey, JsonMapper json) {
        var client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(Duration.ofSeconds(20));
        this.http =
                RestClient.builder().requestFactory(factory).baseUrl(baseUrl).build();
        this.apiKey = apiKey;
        this.json = json;
    }

    @Override
    public String id() {
        return "bland";
    }

    @Override
    public DialResult dial(CallRow call, @Nullable String webhookUrl) {
        ObjectNode body = json.createObjectNode();
        body.put("phone_number", call.phoneNumber());
        body.put("task", call.task());
        if (call.firstSentence() != null) body.put("first_sentence", call.firstSentence());
        if (call.voice() != null) body.put("voice", call.voice());
        body.put("language", call.language());
        body.put("max_duration", call.maxDurationMinutes());
        if (call.transferNumber() != null) body.put("transfer_phone_number", call.transferNumber());
        body.put("record", call.record());
        if (call.metadata().get("from") instanceof String from) body.put("from", from);
        ObjectNode metadata = body.putObject("metadata");
        call.metadata().forEach(metadata::put);
        metadata.put("switchboard_call_id", call.id().toString());
        metadata.put("switchboard_org_id", call.orgId().toString());
        if (webhookUrl != null) body.put("webhook", webhookUrl);
        try {
            return http.post()
                    .uri("/v1/calls")
                    .header("authorization", apiKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                        JsonNode answer = read(text);
                        if (status >= 200
                                && status < 300
                                && !answer.path("call_id").asString("").isEmpty()) {
                            return new DialResult.Dialed(answer.path("call_id").asString());
                        }
                        String message = answer.path("message")
                                .asString(answer.path("error").asString(text));
                        if (status == 429) return new DialResult.RetryLater(Duration.ofSeconds(5), "Bland: " + message);
                        return new DialResult.Failed("Bland answered " + status + ": " + truncate(message));
                    });
        } catch (ResourceAccessException e) {
            // the request may have reached Bland: do not dial again, report the call as failed
            return new DialResult.Failed("Bland unreachable: " + e.getMessage());
        }
    }

    @Override
    public void stop(CallRow call) {
        if (call.providerCallId() == null) return;
        try {
            http.post()
                    .uri("/v1/calls/{id}/stop", call.providerCallId())
                    .header("authorization", apiKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .retrieve()
                    .toBodilessEntity();
        } catch (RuntimeException e) {
            log.warn("Bland stop of call {} failed: {}", call.id(), e.toString());
        }
    }

    @Override
    public Optional<Snapshot> fetch(CallRow call) {
        if (call.providerCallId() == null) return Optional.empty();
        try {
            String text = http.get()
                    .uri("/v1/calls/{id}", call.providerCallId())
                    .header("authorization", apiKey)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(String.class);
            return Optional.of(snapshot(read(text == null ? "{}" : text), call.currency()));
        } catch (RuntimeException e) {
            log.warn("Bland poll of call {} failed: {}", call.id(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<String>> analyze(CallRow call, String goal, List<String> questions) {
        if (call.providerCallId() == null || questions.isEmpty()) return Optional.empty();
        ObjectNode body = json.createObjectNode();
        body.put("goal", goal);
        var list = body.putArray("questions");
        for (String q : questions) list.addArray().add(q).add("string");
        try {
            String text = http.post()
                    .uri("/v1/calls/{id}/analyze", call.providerCallId())
                    .header("authorization", apiKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body))
                    .retrieve()
                    .body(String.class);
            var answers = new ArrayList<String>();
            for (JsonNode a : read(text == null ? "{}" : text).path("answers")) answers.add(a.asString(a.toString()));
            return Optional.of(answers);
        } catch (RuntimeException e) {
            log.warn("Bland analyze of call {} failed: {}", call.id(), e.toString());
            return Optional.empty();
        }
    }

    /** Reads Bland's call object (GET /v1/calls/{id} and the post-call webhook share it). */
    static Snapshot snapshot(JsonNode c, String currency) {
        var turns = new ArrayList<TurnData>();
        java.time.Instant first = null;
        for (JsonNode t : c.path("transcripts")) {
            String user = t.path("user").asString("");
            if (user.equals("agent-action")) continue;
            String speaker = user.equals("user") ? "user" : "agent";
            double at = 0;
            try {
                var created = java.time.OffsetDateTime.parse(
                                t.path("created_at").asString(""))
                        .toInstant();
                if (first == null) first = created;
                at = Duration.between(first, created).toMillis() / 1000.0;
            } catch (RuntimeException ignored) {
                // a missing or odd timestamp keeps the order but not the time
            }
            turns.add(new TurnData(speaker, t.path("text").asString(""), at));
        }
        boolean completed = c.path("completed").asBoolean(false);
        String queueStatus = c.path("queue_status").asString("").toLowerCase(Locale.ROOT);
        String status = c.path("status").asString("").toLowerCase(Locale.ROOT);
        String answeredBy = c.path("answered_by").isNull()
                ? null
                : emptyToNull(c.path("answered_by").asString(""));
        String error = c.path("error_message").isNull()
                ? null
                : emptyToNull(c.path("error_message").asString(""));
        double minutes = c.path("call_length").asDouble(0);
        Integer duration = c.has("call_length") ? (int) Math.round(minutes * 60) : null;
        CallStatus mapped;
        if (completed
                || status.equals("completed")
                || queueStatus.equals("complete")
                || queueStatus.equals("completed")) {
            if (error != null || queueStatus.equals("error") || status.equals("failed")) mapped = CallStatus.FAILED;
            else if ("busy".equalsIgnoreCase(answeredBy) || status.equals("busy")) mapped = CallStatus.BUSY;
            else if ("no-answer".equalsIgnoreCase(answeredBy)
                    || status.equals("no-answer")
                    || (turns.isEmpty() && (duration == null || duration == 0))) mapped = CallStatus.NO_ANSWER;
            else mapped = CallStatus.COMPLETED;
        } else if (queueStatus.equals("error") || status.equals("failed")) {
            mapped = CallStatus.FAILED;
        } else if (status.equals("in-progress")
                || queueStatus.equals("started")
                || queueStatus.equals("in-progress")
                || !turns.isEmpty()) {
            mapped = CallStatus.IN_PROGRESS;
        } else {
            mapped = CallStatus.RINGING;
        }
        Long price = null;
        if (c.has("price") && !c.path("price").isNull() && "USD".equalsIgnoreCase(currency)) {
            price = Math.round(c.path("price").asDouble(0) * 100);
        }
        String recording = c.path("recording_url").isNull()
                ? null
                : emptyToNull(c.path("recording_url").asString(""));
        String endedBy = c.path("call_ended_by").isNull()
                ? null
                : emptyToNull(c.path("call_ended_by").asString(""));
        String summary = c.path("summary").isNull()
                ? null
                : emptyToNull(c.path("summary").asString(""));
        return new Snapshot(
                mapped,
                turns,
                duration,
                answeredBy,
                price,
                recording,
                error != null ? error : endedBy == null ? null : "ended by " + endedBy.toLowerCase(Locale.ROOT),
                summary);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private static @Nullable String emptyToNull(String s) {
        return s.isBlank() ? null : s;
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
