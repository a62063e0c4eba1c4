package io.switchboard.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.switchboard.support.ApiClient;
import io.switchboard.support.ProviderFakesTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A WhatsApp Cloud channel end to end: Meta's webhooks in through the public URL, Graph calls out to a fake. */
class WhatsAppCloudChannelWebTests extends ProviderFakesTest {

    private String token;
    private String channelId;
    private String phoneNumberId;
    private String accessToken;
    private String appSecret;
    private String verifyToken;
    private String waId;

    @BeforeEach
    void whatsAppChannel() {
        token = token(signup("WhatsApp Org"));
        phoneNumberId = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        accessToken = unique("EAAG");
        appSecret = unique("app-secret-");
        verifyToken = unique("verify-");
        waId = "1415" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        var created = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "whatsapp_cloud",
                        "name",
                        "Support line",
                        "config",
                        Map.of(
                                "phoneNumberId", phoneNumberId,
                                "accessToken", accessToken,
                                "appSecret", appSecret,
                                "verifyToken", verifyToken)),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        channelId = created.json().get("id").asString();
        assertThat(created.json().get("webhookUrl").asString()).endsWith("/webhooks/whatsapp/" + channelId);
        assertThat(created.json().get("config").has("accessToken")).isFalse();
    }

    @Test
    void handshakeAnswersTheChallengeOnlyForTheRightVerifyToken() {
        var ok = api.get(handshake(verifyToken), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw()).isEqualTo("1158201444");
        var wrong = api.get(handshake("not-" + verifyToken), null);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void signedTextMessageReachesTheInboxOnceEvenWhenMetaRetries() {
        String payload = textWebhook("wamid.in-" + unique(""), "Hello from WhatsApp", Instant.now());
        assertThat(webhook(payload, appSecret).status()).isEqualTo(200);
        assertThat(webhook(payload, appSecret).status()).isEqualTo(200);

        var conversation = awaitConversations(token, 1).get("items").get(0);
        assertThat(conversation.get("contactName").asString()).isEqualTo("Ada Lovelace");
        assertThat(conversation.get("contactPhone").asString()).isEqualTo("+" + waId);
        assertThat(conversation.get("lastMessagePreview").asString()).isEqualTo("Hello from WhatsApp");
        awaitInboundDrained(token);
        assertThat(messages(token, conversation.get("id").asString()).size()).isEqualTo(1);
    }

    @Test
    void wrongSignatureIs401AndStoresNothing() {
        String payload = textWebhook("wamid.forged", "let me in", Instant.now());
        var forged = webhook(payload, "not-the-app-secret");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        var unsigned = api.raw(
                "POST",
                "/webhooks/whatsapp/" + channelId,
                "application/json",
                payload.getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void malformedPayloadIsStoredAndThenFailedWithAReason() {
        assertThat(webhook("{\"object\": \"whatsapp_business_account\", \"entry\": [", appSecret)
                        .status())
                .isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var event = ownerDb()
                    .fetchOne("select status, last_error from inbound_events where channel_id = ?::uuid", channelId);
            assertThat(event.get(0, String.class)).isEqualTo("failed");
            assertThat(event.get(1, String.class)).startsWith("unreadable payload: not JSON");
        });
        assertThat(api.get("/api/v1/channels/queues", token)
                        .json()
                        .get("inboundFailed")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void badEventsInABatchAreSetAsideWhileTheGoodOnesAreStored() {
        // committed together, so one worker claims them as one batch (one transaction, a savepoint each)
        var orgId = ownerDb().fetchValue("select org_id from channels where id = ?::uuid", channelId);
        String first = textWebhook("wamid.batch-1-" + unique(""), "First of the batch", Instant.now());
        String second = textWebhook("wamid.batch-2-" + unique(""), "Second of the batch", Instant.now());
        String early = statusWebhook("wamid.never-sent-" + unique(""), "delivered", null);
        ownerDb()
                .execute(
                        "insert into inbound_events (org_id, channel_id, payload, content_type) values "
                                + "(?, ?::uuid, ?, 'application/json'), (?, ?::uuid, '{\"entry\": [', 'application/json'), "
                                + "(?, ?::uuid, ?, 'application/json'), (?, ?::uuid, ?, 'application/json')",
                        orgId,
                        channelId,
                        first,
                        orgId,
                        channelId,
                        orgId,
                        channelId,
                        early,
                        orgId,
                        channelId,
                        second);

        var conversation = awaitConversations(token, 1).get("items").get(0);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                messages(token, conversation.get("id").asString())
                                        .findValuesAsString("body"))
                        .containsExactlyInAnyOrder("First of the batch", "Second of the batch"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ownerDb()
                                .fetch(
                                        "select status, last_error from inbound_events where channel_id = ?::uuid"
                                                + " and status <> 'done' order by id",
                                        channelId)
                                .map(r -> r.get(0, String.class) + ": " + r.get(1, String.class)))
                        .satisfiesExactly(
                                malformed -> assertThat(malformed).startsWith("failed: unreadable payload"),
                                status -> assertThat(status)
                                        .startsWith("pending: status delivered for unknown message")));
    }

    @Test
    void replyIsSentThroughGraphAndStatusCallbacksMoveItForward() {
        stubSend(okJson(
                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out-" + phoneNumberId + "\"}]}"));
        String conversationId = inboundConversation(Instant.now());

        String messageId = reply(conversationId, Map.of("text", "We open at 9."));
        awaitState(conversationId, messageId, "sent");
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo(sendPath()))
                        .withHeader("Authorization", equalTo("Bearer " + accessToken))
                        .withRequestBody(matchingJsonPath("$.messaging_product", equalTo("whatsapp")))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(waId)))
                        .withRequestBody(matchingJsonPath("$.type", equalTo("text")))
                        .withRequestBody(matchingJsonPath("$.text.body", equalTo("We open at 9."))));

        String wamid = "wamid.out-" + phoneNumberId;
        assertThat(webhook(statusWebhook(wamid, "delivered", null), appSecret).status())
                .isEqualTo(200);
        awaitState(conversationId, messageId, "delivered");
        assertThat(webhook(statusWebhook(wamid, "read", null), appSecret).status())
                .isEqualTo(200);
        awaitState(conversationId, messageId, "read");
        // a late "delivered" after "read" changes nothing
        webhook(statusWebhook(wamid, "delivered", null), appSecret);
        awaitInboundDrained(token);
        assertThat(message(token, conversationId, messageId)
                        .get("deliveryState")
                        .asString())
                .isEqualTo("read");
    }

    @Test
    void statusThatOvertakesTheSendStillEndsInTheRightState() {
        String wamid = "wamid.early-" + phoneNumberId;
        stubSend(okJson("{\"messages\":[{\"id\":\"" + wamid + "\"}]}").withFixedDelay(1500));
        String conversationId = inboundConversation(Instant.now());

        String messageId = reply(conversationId, Map.of("text", "On its way"));
        // Meta's "delivered" arrives while our send call is still waiting for its answer
        assertThat(webhook(statusWebhook(wamid, "delivered", null), appSecret).status())
                .isEqualTo(200);
        awaitState(conversationId, messageId, "delivered");
        assertThat(message(token, conversationId, messageId)
                        .get("providerMessageId")
                        .asString())
                .isEqualTo(wamid);
    }

    @Test
    void throttledSendIsRetriedAndSentOnce() {
        String scenario = "throttle-" + phoneNumberId;
        PROVIDERS.stubFor(post(urlEqualTo(sendPath()))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                                + "\"code\":130429,\"fbtrace_id\":\"A1\"}}"))
                .willSetStateTo("calm"));
        PROVIDERS.stubFor(post(urlEqualTo(sendPath()))
                .inScenario(scenario)
                .whenScenarioStateIs("calm")
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.retried-" + phoneNumberId + "\"}]}")));
        String conversationId = inboundConversation(Instant.now());

        String messageId = reply(conversationId, Map.of("text", "Patience"));
        awaitState(conversationId, messageId, "sent");
        PROVIDERS.verify(2, postRequestedFor(urlEqualTo(sendPath())));
        assertThat(message(token, conversationId, messageId)
                        .get("providerMessageId")
                        .asString())
                .isEqualTo("wamid.retried-" + phoneNumberId);
    }

    @Test
    void aProviderThatKeepsFailingIsPausedInsteadOfHammered() {
        stubSend(aResponse()
                .withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}"));
        String conversationId = inboundConversation(Instant.now());
        for (int i = 0; i < 14; i++) reply(conversationId, Map.of("text", "Are you there? " + i));

        // ten transient failures open the channel's circuit: the queue health says sending is paused
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api.get("/api/v1/channels/queues", token)
                                .json()
                                .get("pausedChannels")
                                .toString())
                        .contains(channelId));
        int calls = PROVIDERS
                .countRequestsMatching(postRequestedFor(urlEqualTo(sendPath())).build())
                .getCount();
        assertThat(calls).isBetween(10, 14);
        // while it is open the provider is not called again, and the replies wait in the queue
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> PROVIDERS
                                .countRequestsMatching(
                                        postRequestedFor(urlEqualTo(sendPath())).build())
                                .getCount()
                        == calls);
        var thread = messages(token, conversationId);
        assertThat(thread.toString()).doesNotContain("gave up after");
        assertThat(api.get("/api/v1/channels/queues", token)
                        .json()
                        .get("outboundQueued")
                        .asLong())
                .isGreaterThanOrEqualTo(14);
    }

    @Test
    void rejectedSendFailsWithTheProvidersError() {
        stubSend(aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#131030) Recipient phone number not in allowed list\","
                        + "\"type\":\"OAuthException\",\"code\":131030,\"error_data\":{\"messaging_product\":"
                        + "\"whatsapp\",\"details\":\"Recipient phone number not in allowed list\"}}}"));
        String conversationId = inboundConversation(Instant.now());

        String messageId = reply(conversationId, Map.of("text", "Anyone there?"));
        awaitState(conversationId, messageId, "failed");
        assertThat(message(token, conversationId, messageId).get("error").asString())
                .contains("131030")
                .contains("Recipient phone number not in allowed list");
        PROVIDERS.verify(1, postRequestedFor(urlEqualTo(sendPath())));
    }

    @Test
    void outsideTheCustomerServiceWindowOnlyATemplateIsAccepted() {
        stubSend(okJson("{\"messages\":[{\"id\":\"wamid.template-" + phoneNumberId + "\"}]}"));
        String conversationId = inboundConversation(Instant.now().minus(Duration.ofHours(25)));

        var text = api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "Hi again"), token);
        assertThat(text.status()).isEqualTo(409);
        assertThat(text.json().get("type").asString()).endsWith("/outside-customer-service-window");

        String messageId = reply(
                conversationId,
                Map.of(
                        "content",
                        Map.of(
                                "type",
                                "template",
                                "name",
                                "order_update",
                                "language",
                                "en_US",
                                "parameters",
                                List.of("Ada", "#1042"))));
        awaitState(conversationId, messageId, "sent");
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo(sendPath()))
                        .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                        .withRequestBody(matchingJsonPath("$.template.name", equalTo("order_update")))
                        .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("en_US")))
                        .withRequestBody(
                                matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("#1042"))));
    }

    @Test
    void oddRequestsGetProblemDetailsNeverA500() {
        var notJson = api.send(api.request("/webhooks/whatsapp/" + channelId, null)
                .header("Content-Type", "text/plain")
                .header("X-Hub-Signature-256", "sha256=not-hex-at-all")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(notJson.status()).isEqualTo(401);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        var unsubscribe = api.get(
                "/webhooks/whatsapp/" + channelId + "?hub.mode=unsubscribe&hub.verify_token=" + verifyToken
                        + "&hub.challenge=1",
                null);
        assertThat(unsubscribe.status()).isEqualTo(403);
        assertThat(api.get("/webhooks/whatsapp/" + channelId, null).status()).isEqualTo(403);
        assertThat(api.get("/webhooks/twilio/" + channelId, null).status()).isEqualTo(404);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void disabledChannelAnswers404ToMeta() {
        assertThat(api.delete("/api/v1/channels/" + channelId, token).status()).isEqualTo(204);
        assertThat(webhook(textWebhook("wamid.late", "hello?", Instant.now()), appSecret)
                        .status())
                .isEqualTo(404);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void receivedImageIsFetchedWithTheTokenAndServedOnlyThroughASignedLink() throws Exception {
        String mediaId = unique("media-");
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x10, 0x20, 0x30};
        stubMedia(mediaId, okJson(mediaLookup(mediaId, "image/jpeg")));
        PROVIDERS.stubFor(get(urlEqualTo("/lookaside/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg)));

        assertThat(webhook(mediaWebhook("wamid.img-" + unique(""), mediaId, "image", "image/jpeg", "my cat"), appSecret)
                        .status())
                .isEqualTo(200);
        String conversationId =
                awaitConversations(token, 1).get("items").get(0).get("id").asString();
        var message = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> messages(token, conversationId).get(0),
                        m -> !m.get("mediaUrl").isNull());

        assertThat(message.get("content").get("caption").asString()).isEqualTo("my cat");
        assertThat(message.get("content").get("fileKey").asString()).startsWith("media_");
        assertThat(message.get("content").get("unavailable").isNull()).isTrue();
        var file = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                                        + message.get("mediaUrl").asString()))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(jpeg);
        PROVIDERS.verify(getRequestedFor(urlEqualTo("/graph/v21.0/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
        PROVIDERS.verify(getRequestedFor(urlEqualTo("/lookaside/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
    }

    @Test
    void failedMediaDownloadKeepsTheMessageMarksItUnavailableAndRetries() {
        String mediaId = unique("media-");
        String scenario = "flaky-" + mediaId;
        PROVIDERS.stubFor(get(urlEqualTo("/graph/v21.0/" + mediaId))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"An unknown error occurred\",\"code\":1}}"))
                .willSetStateTo("recovered"));
        PROVIDERS.stubFor(get(urlEqualTo("/graph/v21.0/" + mediaId))
                .inScenario(scenario)
                .whenScenarioStateIs("recovered")
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(mediaLookup(mediaId, "application/pdf"))));
        PROVIDERS.stubFor(get(urlEqualTo("/lookaside/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/pdf")
                        .withBody("%PDF-1.7")));

        webhook(mediaWebhook("wamid.doc-" + unique(""), mediaId, "document", "application/pdf", null), appSecret);
        String conversationId =
                awaitConversations(token, 1).get("items").get(0).get("id").asString();
        // the message is there at once; its media is marked unavailable with Meta's error while retrying
        var failed = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> messages(token, conversationId).get(0).get("content"),
                        c -> !c.get("unavailable").isNull());
        assertThat(failed.get("unavailable").asString())
                .contains("WhatsApp error 500")
                .contains("An unknown error occurred")
                .endsWith("(retrying)");
        var recovered = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> messages(token, conversationId).get(0),
                        m -> !m.get("mediaUrl").isNull());
        assertThat(recovered.get("content").get("unavailable").isNull()).isTrue();
        assertThat(recovered.get("content").get("filename").asString()).isEqualTo("media.bin");
    }

    @Test
    void attachmentIsUploadedToGraphThenSentByItsMediaId() {
        String uploadedId = unique("uploaded-");
        PROVIDERS.stubFor(post(urlEqualTo("/graph/v21.0/" + phoneNumberId + "/media"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .willReturn(okJson("{\"id\":\"" + uploadedId + "\"}")));
        stubSend(okJson("{\"messages\":[{\"id\":\"wamid.media-" + phoneNumberId + "\"}]}"));
        String conversationId = inboundConversation(Instant.now());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 42};

        var sent = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "chart.png",
                "image/png",
                png,
                token);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(sent.json().get("content").get("mediaType").asString()).isEqualTo("image");
        assertThat(sent.json().get("mediaUrl").asString()).startsWith("/api/v1/files/attachments_");
        awaitState(conversationId, sent.json().get("id").asString(), "sent");

        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo("/graph/v21.0/" + phoneNumberId + "/media"))
                        .withRequestBody(containing("name=\"messaging_product\"\r\n\r\nwhatsapp"))
                        .withRequestBody(containing("name=\"type\"\r\n\r\nimage/png"))
                        .withRequestBody(containing("filename=\"chart.png\"")));
        var upload = PROVIDERS
                .findAll(postRequestedFor(urlEqualTo("/graph/v21.0/" + phoneNumberId + "/media")))
                .getFirst()
                .getBody();
        assertThat(indexOf(upload, png)).isPositive();
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo(sendPath()))
                        .withHeader("Authorization", equalTo("Bearer " + accessToken))
                        .withRequestBody(matchingJsonPath("$.type", equalTo("image")))
                        .withRequestBody(matchingJsonPath("$.image.id", equalTo(uploadedId)))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(waId))));
    }

    @Test
    void attachmentOverWhatsAppsLimitIsRefusedNamingTheFile() {
        String conversationId = inboundConversation(Instant.now());
        var tooBig = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "huge.jpg",
                "image/jpeg",
                new byte[5 * 1024 * 1024 + 1],
                token);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(tooBig.json().get("detail").asString()).contains("5 MB").contains("images");
        // nothing kept: neither a message nor the file
        assertThat(messages(token, conversationId).size()).isEqualTo(1);
        assertThat(ownerDb()
                        .fetchCount(
                                DSL.table("files"),
                                DSL.field("category").eq("attachments"),
                                DSL.field("org_id")
                                        .eq(DSL.field(
                                                "(select org_id from channels where id = ?::uuid)",
                                                java.util.UUID.class,
                                                channelId))))
                .isZero();
        PROVIDERS.verify(0, postRequestedFor(urlEqualTo("/graph/v21.0/" + phoneNumberId + "/media")));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private void stubMedia(String mediaId, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        PROVIDERS.stubFor(get(urlEqualTo("/graph/v21.0/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(answer));
    }

    /** Graph's answer to GET /{media-id}: a short-lived URL to download with the same token. */
    private String mediaLookup(String mediaId, String mimeType) {
        return """
                {"messaging_product":"whatsapp","url":"%s/lookaside/%s","mime_type":"%s",
                 "sha256":"abc","file_size":6,"id":"%s"}
                """.formatted(PROVIDERS.baseUrl(), mediaId, mimeType, mediaId);
    }

    private String mediaWebhook(String wamid, String mediaId, String type, String mime, String caption) {
        String extra = caption != null ? ",\"caption\":\"" + caption + "\"" : "";
        if (type.equals("document")) extra += ",\"filename\":\"media.bin\"";
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                  "contacts":[{"profile":{"name":"Ada Lovelace"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"%s",
                    "%s":{"id":"%s","mime_type":"%s","sha256":"abc"%s}}]},
                  "field":"messages"}]}]}
                """.formatted(
                phoneNumberId, waId, waId, wamid, Instant.now().getEpochSecond(), type, type, mediaId, mime, extra);
    }

    // --- helpers in Meta's words ---

    private String sendPath() {
        return "/graph/v21.0/" + phoneNumberId + "/messages";
    }

    private void stubSend(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        PROVIDERS.stubFor(post(urlEqualTo(sendPath())).willReturn(answer));
    }

    private String handshake(String tokenGiven) {
        return "/webhooks/whatsapp/" + channelId + "?hub.mode=subscribe&hub.verify_token=" + tokenGiven
                + "&hub.challenge=1158201444";
    }

    private String inboundConversation(Instant sentAt) {
        webhook(textWebhook("wamid.in-" + unique(""), "Hi there", sentAt), appSecret);
        return awaitConversations(token, 1).get("items").get(0).get("id").asString();
    }

    private String reply(String conversationId, Map<String, ?> body) {
        var reply = api.post("/api/v1/conversations/" + conversationId + "/messages", body, token);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return reply.json().get("id").asString();
    }

    private void awaitState(String conversationId, String messageId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(message(token, conversationId, messageId)
                                .get("deliveryState")
                                .asString())
                        .isEqualTo(state));
    }

    private int storedEvents() {
        return ownerDb()
                .fetchCount(
                        DSL.table("inbound_events"), DSL.field("channel_id").eq(java.util.UUID.fromString(channelId)));
    }

    private ApiClient.Response webhook(String payload, String secret) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return api.send(api.request("/webhooks/whatsapp/" + channelId, null)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmacSha256Hex(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Computed here independently of the adapter, the way Meta documents it. */
    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String textWebhook(String wamid, String text, Instant sentAt) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                  "contacts":[{"profile":{"name":"Ada Lovelace"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},
                  "field":"messages"}]}]}
                """.formatted(phoneNumberId, waId, waId, wamid, sentAt.getEpochSecond(), text);
    }

    private String statusWebhook(String wamid, String status, String errorTitle) {
        String errors = errorTitle == null ? "" : ",\"errors\":[{\"code\":131047,\"title\":\"" + errorTitle + "\"}]";
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                  "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]},
                  "field":"messages"}]}]}
                """.formatted(phoneNumberId, wamid, status, Instant.now().getEpochSecond(), waId, errors);
    }
}
