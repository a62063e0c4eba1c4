package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpServerWebTests extends McpTestSupport {

    static final List<String> ALL_TOOLS = List.of(
            "place_call",
            "get_call",
            "list_calls",
            "get_transcript",
            "stop_call",
            "analyze_call",
            "estimate_call_cost",
            "get_credit_balance",
            "search_contacts",
            "create_contact",
            "generate_sales_script",
            "send_message",
            "search_knowledge");

    @Test
    @SuppressWarnings("unchecked")
    void aWriteKeySeesEveryToolWithInputAndOutputSchemas() {
        String owner = organisation("Tools Org");
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            var tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(ALL_TOOLS);
            assertThat(tools).allSatisfy(t -> {
                assertThat(t.description()).isNotBlank();
                assertThat(t.inputSchema()).containsEntry("type", "object");
                assertThat(t.outputSchema()).containsEntry("type", "object");
            });
            var placeCall = tools.stream()
                    .filter(t -> t.name().equals("place_call"))
                    .findFirst()
                    .orElseThrow();
            assertThat((List<Object>) placeCall.inputSchema().get("required")).contains("confirm");
        }
    }

    @Test
    void creditBalanceIsTheOrganisationsAndStructured() {
        String owner = organisation("Balance Org");
        grantCredits(owner, 1234);
        try (var client = client(apiKey(owner, List.of("read"), null))) {
            var balance = structured(call(client, "get_credit_balance", Map.of()));
            assertThat(((Number) balance.get("available_minor")).longValue()).isEqualTo(1234);
            assertThat(balance.get("currency")).isNotNull();
            assertThat((String) balance.get("available")).contains("12");
        }
    }

    @Test
    void contactsAreCreatedAndFoundAndBadNumbersAreToolErrors() {
        String owner = organisation("Contacts Org");
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            var created = structured(call(
                    client,
                    "create_contact",
                    Map.of("name", "Asha Verma", "phone", "98765 43210", "email", "asha@example.test")));
            assertThat(created.get("phone")).isEqualTo("+919876543210"); // default region IN
            var found = structured(call(client, "search_contacts", Map.of("query", "asha")));
            assertThat((List<?>) found.get("items")).hasSize(1);
            assertThat(((Number) found.get("total_items")).intValue()).isEqualTo(1);

            var invalid = call(client, "create_contact", Map.of("name", "Nobody", "phone", "12"));
            assertThat(errorCode(invalid)).isEqualTo("validation");
            assertThat(text(invalid)).contains("phone");
            var duplicate = call(client, "create_contact", Map.of("name", "Again", "phone", "+919876543210"));
            assertThat(Boolean.TRUE.equals(duplicate.isError())).isTrue();
        }
    }

    @Test
    void aReadKeyCannotWriteAndDoesNotSeeWriteTools() {
        String owner = organisation("Read Org");
        try (var client = client(apiKey(owner, List.of("read"), null))) {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("get_credit_balance", "search_contacts", "get_call")
                    .doesNotContain("place_call", "create_contact", "send_message", "stop_call");
            var refused = call(client, "create_contact", Map.of("name", "Sneaky"));
            assertThat(errorCode(refused)).isEqualTo("forbidden");
            var placing =
                    call(client, "place_call", Map.of("confirm", true, "phone_number", "+14155550123", "task", "hi"));
            assertThat(errorCode(placing)).isEqualTo("forbidden");
        }
    }

    @Test
    void aKeyLimitedToSomeToolsOnlySeesAndCallsThose() {
        String owner = organisation("Scoped Org");
        String key = apiKey(owner, List.of("write"), List.of("get_credit_balance", "search_contacts"));
        var listed = api.get("/api/v1/api-keys", owner).json().get("items").get(0);
        assertThat(listed.get("tools").toString()).contains("get_credit_balance", "search_contacts");
        try (var client = client(key)) {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("get_credit_balance", "search_contacts");
            assertThat(call(client, "get_credit_balance", Map.of()).isError()).isFalse();
            var refused = call(client, "create_contact", Map.of("name", "Out of scope"));
            assertThat(errorCode(refused)).isEqualTo("tool-not-allowed");
            assertThat(text(refused)).contains("create_contact");
        }
    }

    @Test
    void unauthenticatedRequestsGet401WithTheResourceMetadataLink() throws Exception {
        var http = HttpClient.newHttpClient();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        for (String credential : new String[] {null, "sb_not_a_real_key", "not-a-jwt"}) {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize));
            if (credential != null) request.header("Authorization", "Bearer " + credential);
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("credential %s", credential).isEqualTo(401);
            String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
            assertThat(challenge)
                    .startsWith("Bearer ")
                    .contains(
                            "resource_metadata=\"http://localhost:" + port + "/.well-known/oauth-protected-resource\"");
            if (credential != null) assertThat(challenge).contains("error=\"invalid_token\"");
        }
        var metadata = api.get("/.well-known/oauth-protected-resource", null);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().get("resource").asString()).isEqualTo("http://localhost:" + port + "/mcp");
        assertThat(metadata.json().get("bearer_methods_supported").toString()).contains("header");

        // the SDK client gives up on a 401 instead of talking to the server anonymously
        assertThatThrownBy(() -> client(null)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void anotherOrganisationsContactsAreInvisibleAndUnreachable() {
        String ownerA = organisation("Org A");
        String ownerB = organisation("Org B");
        String contactA;
        try (var a = client(apiKey(ownerA, List.of("write"), null))) {
            contactA = (String)
                    structured(call(a, "create_contact", Map.of("name", "Private Person", "phone", "+14155550111")))
                            .get("id");
        }
        String channelB = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "B sandbox"), ownerB)
                .json()
                .get("id")
                .asString();
        try (var b = client(apiKey(ownerB, List.of("write"), null))) {
            var search = structured(call(b, "search_contacts", Map.of("query", "Private")));
            assertThat((List<?>) search.get("items")).isEmpty();
            var send = call(b, "send_message", Map.of("contact_id", contactA, "channel_id", channelB, "text", "hello"));
            assertThat(errorCode(send)).isEqualTo("not-found");
            // the same number in B is a new contact of B, not A's
            var own = structured(call(b, "create_contact", Map.of("name", "B's person", "phone", "+14155550111")));
            assertThat(own.get("id")).isNotEqualTo(contactA);
        }
    }

    @Test
    void messagesGoOutThroughTheChannelAndOptedOutContactsAreRefused() {
        String owner = organisation("Messaging Org");
        String channel = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox"), owner)
                .json()
                .get("id")
                .asString();
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            String contact =
                    (String) structured(call(client, "create_contact", Map.of("name", "Ravi", "phone", "+14155550122")))
                            .get("id");
            var sent = structured(call(
                    client,
                    "send_message",
                    Map.of("contact_id", contact, "channel_id", channel, "text", "Your order shipped")));
            assertThat(sent.get("status")).isEqualTo("queued");
            var messages = api.get("/api/v1/conversations/" + sent.get("conversation_id") + "/messages", owner)
                    .json();
            assertThat(messages.toString()).contains("Your order shipped");

            var neither = call(client, "send_message", Map.of("contact_id", contact, "channel_id", channel));
            assertThat(errorCode(neither)).isEqualTo("invalid-argument");

            api.patch("/api/v1/contacts/" + contact, Map.of("optedOut", true), owner);
            var optedOut =
                    call(client, "send_message", Map.of("contact_id", contact, "channel_id", channel, "text", "more"));
            assertThat(errorCode(optedOut)).isEqualTo("contact-opted-out");
        }
    }

    @Test
    void clientsOnEitherProtocolVersionConnectAndUnknownVersionHeadersAreRefused() throws Exception {
        String owner = organisation("Versions Org");
        String key = apiKey(owner, List.of("read"), null);
        for (String version : List.of("2025-06-18", "2025-11-25")) {
            try (var client = client(key, version)) {
                assertThat(client.getCurrentInitializationResult().protocolVersion())
                        .isEqualTo(version);
                assertThat(call(client, "get_credit_balance", Map.of()).isError())
                        .isFalse();
            }
        }
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .header("Authorization", "Bearer " + key)
                                .header("MCP-Protocol-Version", "1999-01-01")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unsupported MCP-Protocol-Version").doesNotContain("stackTrace");
    }

    @Test
    void aSignedInUsersAccessTokenIsAcceptedAsBearer() {
        String owner = organisation("Jwt Org");
        try (var client = client(owner)) {
            assertThat(client.listTools().tools()).hasSize(ALL_TOOLS.size());
            assertThat(call(client, "get_credit_balance", Map.of()).isError()).isFalse();
        }
    }

    @Test
    void malformedMessagesGetJsonRpcErrorsWithoutStackTraces() throws Exception {
        String owner = organisation("Malformed Org");
        String key = apiKey(owner, List.of("read"), null);
        var http = HttpClient.newHttpClient();
        for (String body : List.of("{not json", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]")) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .header("Authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body())
                    .contains("\"error\"")
                    .doesNotContain("stackTrace")
                    .doesNotContain("Exception");
        }
        var foreignOrigin = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("Authorization", "Bearer " + key)
                        .header("Origin", "https://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreignOrigin.statusCode()).isEqualTo(403);
        var get = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                        .header("Authorization", "Bearer " + key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }
}
