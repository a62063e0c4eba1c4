package io.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.ApiClient;
import io.switchboard.support.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The web chat widget's public API, used the way the widget on another site uses it. */
class WebchatChannelWebTests extends IntegrationTest {

    private static final String SITE = "http://localhost:5999";
    private static final String SECRET = "identity-secret-of-the-site-0123";

    private record Channel(String id, String publicId) {}

    private Channel createWebchat(String token, Map<String, String> config) {
        var created = api.post(
                "/api/v1/channels", Map.of("type", "webchat", "name", "Website chat", "config", config), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("webhookUrl").isNull()).isTrue();
        assertThat(created.json().get("ratePerSecond").asDouble()).isEqualTo(50);
        return new Channel(
                created.json().get("id").asString(),
                created.json().get("publicId").asString());
    }

    private Channel createWebchat(String token) {
        return createWebchat(token, Map.of("allowedOrigins", SITE, "themeColor", "#0f766e", "greeting", "Hello!"));
    }

    /** A request as the widget on {@link #SITE} sends it. */
    private ApiClient.Response widget(String method, String path, Object body, String visitorToken) {
        var builder = api.request(path, visitorToken).header("Origin", SITE);
        builder = switch (method) {
            case "GET" -> builder.GET();
            case "POST" ->
                builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body instanceof String s
                                        ? s
                                        : tools.jackson.databind.json.JsonMapper.builder()
                                                .build()
                                                .writeValueAsString(body)));
            default -> builder.method(method, HttpRequest.BodyPublishers.noBody());
        };
        return api.send(builder);
    }

    private JsonNode session(Channel channel, Object body) {
        var session = widget("POST", "/api/v1/webchat/" + channel.publicId() + "/sessions", body, null);
        assertThat(session.status()).as(session.raw()).isEqualTo(201);
        return session.json();
    }

    private JsonNode awaitConversation(String token, String channelId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations?channelId=" + channelId, token)
                                .json(),
                        page -> page.get("totalItems").asInt() >= 1)
                .get("items")
                .get(0);
    }

    private static List<String> texts(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(m -> m.get("text").asString())
                .toList();
    }

    static String hmac(String userId, String secret) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void attachmentReachesTheVisitorAsAFileLinkThatWorksFromTheirSite() throws Exception {
        String owner = token(signup("Webchat Files Org"));
        Channel channel = createWebchat(owner);
        String base = "/api/v1/webchat/" + channel.publicId();
        String visitorToken = session(channel, Map.of()).get("visitorToken").asString();
        widget("POST", base + "/messages", Map.of("text", "Send me the map"), visitorToken);
        String conversationId = awaitConversation(owner, channel.id()).get("id").asString();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1};

        var sent = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments", "file", "map.png", "image/png", png, owner);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/conversations/" + conversationId + "/messages", owner)
                        .json()
                        .get("items")
                        .get(0)
                        .get("deliveryState")
                        .asString()
                        .equals("delivered"));

        var history =
                widget("GET", base + "/messages", null, visitorToken).json().get("items");
        var file = history.get(1);
        assertThat(file.get("mediaType").asString()).isEqualTo("image");
        assertThat(file.get("filename").asString()).isEqualTo("map.png");
        assertThat(file.get("mimeType").asString()).isEqualTo("image/png");
        String link = file.get("mediaUrl").asString();
        assertThat(link).startsWith("http://localhost:" + port + "/api/v1/files/attachments_");
        var image = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(java.net.URI.create(link))
                                .header("Origin", SITE)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(png);
        assertThat(image.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
    }

    @Test
    void visitorWritesAnAgentRepliesAndTheVisitorReadsTheReply() {
        String owner = token(signup("Webchat Org"));
        Channel channel = createWebchat(owner);
        String base = "/api/v1/webchat/" + channel.publicId();

        var config = widget("GET", base + "/config", null, null);
        assertThat(config.status()).as(config.raw()).isEqualTo(200);
        assertThat(config.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(config.json().get("themeColor").asString()).isEqualTo("#0f766e");
        assertThat(config.json().get("greeting").asString()).isEqualTo("Hello!");
        assertThat(config.json().get("position").asString()).isEqualTo("bottom-right");

        var session = session(channel, Map.of("name", "Grace"));
        String visitorId = session.get("visitorId").asString();
        String visitorToken = session.get("visitorToken").asString();
        assertThat(visitorId).startsWith("v_");

        var sent = widget("POST", base + "/messages", Map.of("text", "Do you ship to Norway?"), visitorToken);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(202);

        var conversation = awaitConversation(owner, channel.id());
        assertThat(conversation.get("contactName").asString()).isEqualTo("Grace");
        assertThat(conversation.get("lastMessagePreview").asString()).isEqualTo("Do you ship to Norway?");
        String conversationId = conversation.get("id").asString();

        var reply = api.post(
                "/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "Yes, in 3 days."), owner);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(api.post("/api/v1/conversations/" + conversationId + "/notes", Map.of("text", "VIP?"), owner)
                        .status())
                .isEqualTo(201);

        var history = widget("GET", base + "/messages", null, visitorToken);
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(texts(history.json())).containsExactly("Do you ship to Norway?", "Yes, in 3 days.");
        assertThat(history.json().get("items").get(1).get("sender").asString()).isEqualTo("human");
        assertThat(history.json().get("items").get(1).has("senderId")).isFalse();
        assertThat(history.raw()).doesNotContain("VIP?");

        // the reply is delivered through the outbound queue like on any channel
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var messages = api.get("/api/v1/conversations/" + conversationId + "/messages", owner)
                    .json()
                    .get("items");
            var outbound = StreamSupport.stream(messages.spliterator(), false)
                    .filter(m -> m.get("direction").asString().equals("outbound"))
                    .findFirst()
                    .orElseThrow();
            assertThat(outbound.get("deliveryState").asString()).isEqualTo("delivered");
            assertThat(outbound.get("providerMessageId").asString()).startsWith("webchat-");
        });

        // another visitor sees nothing of it
        var stranger = session(channel, Map.of()).get("visitorToken").asString();
        assertThat(widget("GET", base + "/messages", null, stranger)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
    }

    @Test
    void repliesArriveLiveOnTheVisitorStream() throws Exception {
        String owner = token(signup("Webchat Stream Org"));
        Channel channel = createWebchat(owner);
        String base = "/api/v1/webchat/" + channel.publicId();
        String visitorToken = session(channel, Map.of()).get("visitorToken").asString();
        widget("POST", base + "/messages", Map.of("text", "anyone there?"), visitorToken);
        String conversationId = awaitConversation(owner, channel.id()).get("id").asString();

        var lines = new CopyOnWriteArrayList<String>();
        var http = java.net.http.HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + base + "/stream?token=" + visitorToken))
                .header("Origin", SITE)
                .header("Accept", "text/event-stream")
                .build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        var stream = response.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).contains(SITE);
        Thread.ofVirtual().start(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closed) {
                // the test is over
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));

        api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "Right here!"), owner);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("Right here!")));
        assertThat(lines).contains("event:message");
        stream.body().close();
        http.shutdownNow();
    }

    @Test
    void otherSitesAreRefusedAndAllowedOnesPassThePreflight() {
        String owner = token(signup("Webchat CORS Org"));
        Channel channel = createWebchat(owner);
        String base = "/api/v1/webchat/" + channel.publicId();

        var foreign = api.send(api.request(base + "/config", null)
                .header("Origin", "https://evil.example")
                .GET());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();

        var preflight = api.send(api.request(base + "/messages", null)
                .header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");

        var foreignPreflight = api.send(api.request(base + "/messages", null)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(foreignPreflight.status()).isEqualTo(403);
    }

    @Test
    void theVisitorTokenIsRequiredAndBoundToItsChannel() {
        String owner = token(signup("Webchat Token Org"));
        Channel channel = createWebchat(owner);
        Channel other = createWebchat(owner);
        String base = "/api/v1/webchat/" + channel.publicId();

        var missing = widget("POST", base + "/messages", Map.of("text", "hi"), null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("type").asString()).endsWith("/visitor-token-required");
        assertThat(widget("GET", base + "/messages", null, "not-a-token").status())
                .isEqualTo(401);
        // a user's access token is not a visitor token
        assertThat(widget("GET", base + "/messages", null, owner).status()).isEqualTo(401);
        var noStreamToken = api.send(api.request(base + "/stream", null)
                .header("Accept", "text/event-stream")
                .header("Origin", SITE)
                .GET());
        assertThat(noStreamToken.status()).isEqualTo(401);
        assertThat(noStreamToken.contentType()).startsWith("application/problem+json");
        String otherChannelsToken = session(other, Map.of()).get("visitorToken").asString();
        var wrongChannel = widget("GET", base + "/messages", null, otherChannelsToken);
        assertThat(wrongChannel.status()).isEqualTo(401);
        assertThat(wrongChannel.json().get("type").asString()).endsWith("/invalid-visitor-token");

        // a visitorId is only resumed with its own token
        String visitorToken = session(channel, Map.of()).get("visitorToken").asString();
        String visitorId = session(channel, Map.of()).get("visitorId").asString();
        assertThat(widget("POST", base + "/sessions", Map.of("visitorId", visitorId), null)
                        .status())
                .isEqualTo(401);
        var resumed = widget("POST", base + "/sessions", Map.of(), visitorToken);
        assertThat(resumed.status()).isEqualTo(201);
        assertThat(resumed.json().get("visitorId").asString()).isNotEqualTo(visitorId);
    }

    @Test
    void identityVerificationMergesDevicesAndRefusesAWrongHash() throws Exception {
        String owner = token(signup("Webchat Identity Org"));
        Channel channel = createWebchat(owner, Map.of("allowedOrigins", SITE, "identitySecret", SECRET));
        String base = "/api/v1/webchat/" + channel.publicId();
        assertThat(widget("GET", base + "/config", null, null)
                        .json()
                        .get("identityVerification")
                        .asBoolean())
                .isTrue();
        // the secret is write-only
        assertThat(api.get("/api/v1/channels/" + channel.id(), owner).raw()).doesNotContain(SECRET);

        var wrong = widget(
                "POST",
                base + "/sessions",
                Map.of("userId", "42", "userHash", hmac("42", "another-secret-000000")),
                null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("type").asString()).endsWith("/invalid-user-hash");
        var noHash = widget("POST", base + "/sessions", Map.of("userId", "42"), null);
        assertThat(noHash.status()).isEqualTo(400);
        assertThat(noHash.json().get("errors").get(0).get("field").asString()).isEqualTo("userHash");

        var laptop = session(channel, Map.of("userId", "42", "userHash", hmac("42", SECRET), "name", "Lin"));
        assertThat(laptop.get("visitorId").asString()).isEqualTo("user:42");
        widget(
                "POST",
                base + "/messages",
                Map.of("text", "from my laptop"),
                laptop.get("visitorToken").asString());
        awaitConversation(owner, channel.id());

        var phone = session(channel, Map.of("userId", "42", "userHash", hmac("42", SECRET)));
        String phoneToken = phone.get("visitorToken").asString();
        assertThat(texts(widget("GET", base + "/messages", null, phoneToken).json()))
                .containsExactly("from my laptop");
        widget("POST", base + "/messages", Map.of("text", "and from my phone"), phoneToken);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> texts(widget("GET", base + "/messages", null, phoneToken)
                                        .json())
                                .size()
                        == 2);
        assertThat(api.get("/api/v1/conversations?channelId=" + channel.id(), owner)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aDisabledOrUnknownChannelIs404() {
        String owner = token(signup("Webchat Disabled Org"));
        Channel channel = createWebchat(owner);
        String base = "/api/v1/webchat/" + channel.publicId();
        String visitorToken = session(channel, Map.of()).get("visitorToken").asString();
        assertThat(api.delete("/api/v1/channels/" + channel.id(), owner).status())
                .isEqualTo(204);
        for (var response : List.of(
                widget("GET", base + "/config", null, null),
                widget("POST", base + "/sessions", Map.of(), null),
                widget("POST", base + "/messages", Map.of("text", "hello?"), visitorToken),
                widget("GET", base + "/messages", null, visitorToken))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(widget("GET", "/api/v1/webchat/ch_doesnotexist/config", null, null)
                        .status())
                .isEqualTo(404);
        // a sandbox channel's public id is not a web chat
        var sandbox = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "sbx"), owner);
        assertThat(widget(
                                "GET",
                                "/api/v1/webchat/"
                                        + sandbox.json().get("publicId").asString() + "/config",
                                null,
                                null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String owner = token(signup("Webchat Validation Org"));
        var noOrigins = api.post("/api/v1/channels", Map.of("type", "webchat", "name", "x"), owner);
        assertThat(noOrigins.status()).isEqualTo(400);
        assertThat(noOrigins.json().get("errors").get(0).get("field").asString())
                .isEqualTo("config.allowedOrigins");
        var badOrigin = api.post(
                "/api/v1/channels",
                Map.of("type", "webchat", "name", "x", "config", Map.of("allowedOrigins", "https://a.example/path")),
                owner);
        assertThat(badOrigin.json().get("errors").get(0).get("field").asString())
                .isEqualTo("config.allowedOrigins");
        var badColor = api.post(
                "/api/v1/channels",
                Map.of("type", "webchat", "name", "x", "config", Map.of("allowedOrigins", SITE, "themeColor", "red")),
                owner);
        assertThat(badColor.json().get("errors").get(0).get("field").asString()).isEqualTo("config.themeColor");
        var badPosition = api.post(
                "/api/v1/channels",
                Map.of("type", "webchat", "name", "x", "config", Map.of("allowedOrigins", SITE, "position", "top")),
                owner);
        assertThat(badPosition.json().get("errors").get(0).get("field").asString())
                .isEqualTo("config.position");

        Channel channel = createWebchat(
                owner, Map.of("allowedOrigins", SITE + ", https://shop.example", "preChatFields", "name,email"));
        String base = "/api/v1/webchat/" + channel.publicId();
        assertThat(widget("GET", base + "/config", null, null)
                        .json()
                        .get("preChatFields")
                        .toString())
                .isEqualTo("[\"name\",\"email\"]");
        var missingEmail = widget("POST", base + "/sessions", Map.of("name", "Ada"), null);
        assertThat(missingEmail.status()).isEqualTo(400);
        assertThat(missingEmail.json().get("errors").get(0).get("field").asString())
                .isEqualTo("email");
        var badEmail = widget("POST", base + "/sessions", Map.of("name", "Ada", "email", "not-an-email"), null);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        String visitorToken = session(channel, Map.of("name", "Ada", "email", "ada@example.test"))
                .get("visitorToken")
                .asString();

        var blank = widget("POST", base + "/messages", Map.of("text", "  "), visitorToken);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        var tooLong = widget("POST", base + "/messages", Map.of("text", "x".repeat(4097)), visitorToken);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        var notJson = widget("POST", base + "/messages", "{not json", visitorToken);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        var badPage = widget("GET", base + "/messages?size=1000", null, visitorToken);
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        // the second allowed origin works too, and default ports are normalised
        var shop = api.send(api.request(base + "/config", null)
                .header("Origin", "https://shop.example")
                .GET());
        assertThat(shop.status()).isEqualTo(200);
    }

    @Test
    void theWidgetScriptMayBeLoadedFromOtherSites() {
        var script = api.get("/widget.js", null);
        // built by the frontend build; a back-end-only build may not have it
        if (script.status() == 200) {
            assertThat(script.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
            assertThat(script.contentType()).contains("javascript");
        }
    }
}
