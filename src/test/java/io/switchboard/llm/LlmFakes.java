package io.switchboard.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Fakes of the providers' chat APIs that check what the real ones check: the path, the auth header
 * and the JSON shape. A request without the right key gets the provider's 401.
 */
public final class LlmFakes {

    private LlmFakes() {}

    /** OpenAI {@code POST {prefix}/v1/chat/completions} with {@code Authorization: Bearer key}. */
    public static void openAi(WireMockServer server, String prefix, String key, ResponseDefinitionBuilder answer) {
        String path = prefix + "/v1/chat/completions";
        server.stubFor(post(urlEqualTo(path))
                .atPriority(9)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                                        + "\"code\":\"invalid_api_key\"}}")));
        server.stubFor(post(urlEqualTo(path))
                .atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + key))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.model"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .willReturn(answer));
    }

    public static ResponseDefinitionBuilder openAiAnswer(String text, int promptTokens, int completionTokens) {
        return okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(quote(text), promptTokens, completionTokens, promptTokens + completionTokens));
    }

    public static ResponseDefinitionBuilder openAiToolCall(String callId, String name, String argumentsJson) {
        return okJson("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":%s,"type":"function","function":{"name":%s,"arguments":%s}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""".formatted(quote(callId), quote(name), quote(argumentsJson)));
    }

    /** Server-sent chunks the way OpenAI streams them, usage in the last chunk. */
    public static ResponseDefinitionBuilder openAiStream(String... parts) {
        var body = new StringBuilder();
        for (String part : parts) {
            body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                    .append("\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(quote(part))
                    .append("},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                .append(
                        "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                .append(
                        "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":")
                .append(parts.length)
                .append(",\"total_tokens\":")
                .append(20 + parts.length)
                .append("}}\n\n");
        body.append("data: [DONE]\n\n");
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString());
    }

    /** Anthropic {@code POST {prefix}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
    public static void anthropic(WireMockServer server, String prefix, String key, String text) {
        String path = prefix + "/v1/messages";
        server.stubFor(
                post(urlEqualTo(path))
                        .atPriority(9)
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")));
        server.stubFor(post(urlEqualTo(path))
                .atPriority(5)
                .withHeader("x-api-key", equalTo(key))
                .withHeader("anthropic-version", matching20xx())
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.max_tokens"))
                .withRequestBody(matchingJsonPath("$.system"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .willReturn(okJson("""
                        {"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
                         "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                         "usage":{"input_tokens":40,"output_tokens":8}}""".formatted(quote(text)))));
    }

    /** Gemini {@code POST {prefix}/v1beta/models/{model}:generateContent} with {@code x-goog-api-key}. */
    public static void gemini(WireMockServer server, String prefix, String key, String model, String text) {
        String path = prefix + "/v1beta/models/" + model + ":generateContent";
        server.stubFor(post(urlPathEqualTo(path))
                .atPriority(9)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                                        + "\"status\":\"INVALID_ARGUMENT\"}}")));
        server.stubFor(post(urlPathEqualTo(path))
                .atPriority(5)
                .withHeader("x-goog-api-key", equalTo(key))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text"))
                .willReturn(okJson("""
                        {"candidates":[{"content":{"parts":[{"text":%s}],"role":"model"},"finishReason":"STOP","index":0}],
                         "usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":6,"totalTokenCount":36},
                         "modelVersion":%s}""".formatted(quote(text), quote(model)))));
    }

    /** Ollama {@code POST {prefix}/api/chat}; no key. */
    public static void ollama(WireMockServer server, String prefix, String model, String text) {
        server.stubFor(post(urlEqualTo(prefix + "/api/chat"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .willReturn(okJson("""
                        {"model":%s,"created_at":"2026-11-23T10:00:00Z","message":{"role":"assistant","content":%s},
                         "done":true,"done_reason":"stop","prompt_eval_count":25,"eval_count":5}""".formatted(quote(model), quote(text)))));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern matching20xx() {
        return com.github.tomakehurst.wiremock.client.WireMock.matching("20\\d\\d-\\d\\d-\\d\\d");
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
