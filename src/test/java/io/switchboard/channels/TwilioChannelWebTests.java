package io.switchboard.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.switchboard.support.ApiClient;
import io.switchboard.support.ProviderFakesTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Twilio SMS and WhatsApp channels end to end: signed form webhooks in, the SDK's calls out to a fake. */
class TwilioChannelWebTests extends ProviderFakesTest {

    private record Channel(
            String token, String id, String webhookUrl, String accountSid, String authToken, String from) {}

    @Test
    void signedSmsReachesTheInboxOnceEvenWhenTwilioRetries() {
        var channel = channel("twilio_sms");
        String contact = phone();
        var params = inbound(contact, "SM" + unique(""), "Is the pool open?");
        assertThat(webhook(channel, "", params).status()).isEqualTo(200);
        assertThat(webhook(channel, "", params).status()).isEqualTo(200);

        var conversation = awaitConversations(channel.token(), 1).get("items").get(0);
        assertThat(conversation.get("contactPhone").asString()).isEqualTo(contact);
        assertThat(conversation.get("lastMessagePreview").asString()).isEqualTo("Is the pool open?");
        awaitInboundDrained(channel.token());
        assertThat(messages(channel.token(), conversation.get("id").asString()).size())
                .isEqualTo(1);
        // stored byte for byte as Twilio sent it, not rebuilt from parsed parameters
        assertThat(ownerDb()
                        .fetch("select payload from inbound_events where channel_id = ?::uuid", channel.id())
                        .getValues(0, String.class))
                .containsExactly(form(params), form(params));
    }

    @Test
    void wrongSignatureIs401AndStoresNothing() {
        var channel = channel("twilio_sms");
        var params = inbound(phone(), "SMforged", "let me in");
        var forged = api.send(api.request("/webhooks/twilio/" + channel.id(), null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature("not-the-token", channel.webhookUrl(), params))
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
        assertThat(forged.status()).isEqualTo(401);
        // signed for another URL (the status path) and replayed on the message path
        var replayed = api.send(api.request("/webhooks/twilio/" + channel.id(), null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(channel.authToken(), channel.webhookUrl() + "/status", params))
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(storedEvents(channel)).isZero();
    }

    @Test
    void undecodableBodiesAndHandshakesGetProblemDetailsNeverA500() {
        var channel = channel("twilio_whatsapp");
        var broken = api.send(api.request("/webhooks/twilio/" + channel.id(), null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "abc=")
                .POST(HttpRequest.BodyPublishers.ofString("Body=%E0%A4%A&From=%")));
        assertThat(broken.status()).isEqualTo(401);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        var handshake = api.get("/webhooks/twilio/" + channel.id(), null);
        assertThat(handshake.status()).isEqualTo(403);
        assertThat(handshake.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents(channel)).isZero();
    }

    @Test
    void signedButMeaninglessFormIsStoredAndThenFailedWithAReason() {
        var channel = channel("twilio_sms");
        assertThat(webhook(channel, "", Map.of("Hello", "world")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var event = ownerDb()
                    .fetchOne("select status, last_error from inbound_events where channel_id = ?::uuid", channel.id());
            assertThat(event.get(0, String.class)).isEqualTo("failed");
            assertThat(event.get(1, String.class))
                    .isEqualTo("unreadable payload: no MessageSid: not a Twilio messaging webhook");
        });
    }

    @Test
    void smsReplyGoesThroughTheSdkWithBasicAuthAndStatusCallbacksFollow() {
        var channel = channel("twilio_sms");
        String sid = "SM" + unique("out");
        stubSend(channel, created(sid));
        String contact = phone();
        String conversationId = inboundConversation(channel, contact);

        String messageId = reply(channel, conversationId, Map.of("text", "Until 9 pm."));
        awaitState(channel, conversationId, messageId, "sent");
        String basic = Base64.getEncoder()
                .encodeToString((channel.accountSid() + ":" + channel.authToken()).getBytes(StandardCharsets.UTF_8));
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo(sendPath(channel)))
                        .withHeader("Authorization", equalTo("Basic " + basic))
                        .withFormParam("To", equalTo(contact))
                        .withFormParam("From", equalTo(channel.from()))
                        .withFormParam("Body", equalTo("Until 9 pm."))
                        // the base is SWITCHBOARD_PUBLIC_URL in production; unset here, so only the path is certain
                        .withFormParam(
                                "StatusCallback",
                                matching("https?://[^/]+/webhooks/twilio/" + channel.id() + "/status")));

        assertThat(webhook(channel, "/status", status(sid, "delivered", null)).status())
                .isEqualTo(200);
        awaitState(channel, conversationId, messageId, "delivered");
    }

    @Test
    void statusCallbackThatOvertakesTheSendStillEndsFailedWithTheReason() {
        var channel = channel("twilio_sms");
        String sid = "SM" + unique("early");
        stubSend(channel, created(sid).withFixedDelay(1500));
        String conversationId = inboundConversation(channel, phone());

        String messageId = reply(channel, conversationId, Map.of("text", "Hello?"));
        assertThat(webhook(channel, "/status", status(sid, "undelivered", "30003"))
                        .status())
                .isEqualTo(200);
        awaitState(channel, conversationId, messageId, "failed");
        assertThat(message(channel.token(), conversationId, messageId)
                        .get("error")
                        .asString())
                .isEqualTo("Twilio undelivered (error 30003)");
    }

    @Test
    void throttledSendIsRetriedAndSentOnce() {
        var channel = channel("twilio_sms");
        String scenario = "throttle-" + channel.accountSid();
        PROVIDERS.stubFor(post(urlEqualTo(sendPath(channel)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "1"))
                .willSetStateTo("calm"));
        String sid = "SM" + unique("retried");
        PROVIDERS.stubFor(post(urlEqualTo(sendPath(channel)))
                .inScenario(scenario)
                .whenScenarioStateIs("calm")
                .willReturn(created(sid)));
        String conversationId = inboundConversation(channel, phone());

        String messageId = reply(channel, conversationId, Map.of("text", "Patience"));
        awaitState(channel, conversationId, messageId, "sent");
        PROVIDERS.verify(2, postRequestedFor(urlEqualTo(sendPath(channel))));
        assertThat(message(channel.token(), conversationId, messageId)
                        .get("providerMessageId")
                        .asString())
                .isEqualTo(sid);
    }

    @Test
    void rejectedSendFailsWithTwiliosError() {
        var channel = channel("twilio_sms");
        stubSend(channel, twilioError(400, 21211, "The 'To' number is not a valid phone number."));
        String conversationId = inboundConversation(channel, phone());

        String messageId = reply(channel, conversationId, Map.of("text", "Hi"));
        awaitState(channel, conversationId, messageId, "failed");
        assertThat(message(channel.token(), conversationId, messageId)
                        .get("error")
                        .asString())
                .isEqualTo("Twilio error 21211: The 'To' number is not a valid phone number.");
        PROVIDERS.verify(1, postRequestedFor(urlEqualTo(sendPath(channel))));
    }

    @Test
    void twilioWhatsAppAddsThePrefixAndSendsTemplatesThroughTheContentApi() {
        var channel = channel("twilio_whatsapp");
        PROVIDERS.stubFor(post(urlEqualTo(sendPath(channel)))
                .withFormParam("Body", equalTo("Hola Grace"))
                .willReturn(created("SM" + unique("text"))));
        PROVIDERS.stubFor(post(urlEqualTo(sendPath(channel)))
                .withFormParam("ContentSid", matching("HX.*"))
                .willReturn(created("SM" + unique("template"))));
        String contact = phone();
        var params = inbound("whatsapp:" + contact, "SM" + unique("in"), "Hola");
        params.put("ProfileName", "Grace");
        webhook(channel, "", params);
        var conversation = awaitConversations(channel.token(), 1).get("items").get(0);
        assertThat(conversation.get("contactName").asString()).isEqualTo("Grace");
        assertThat(conversation.get("contactPhone").asString()).isEqualTo(contact);
        String conversationId = conversation.get("id").asString();

        String text = reply(channel, conversationId, Map.of("text", "Hola Grace"));
        awaitState(channel, conversationId, text, "sent");
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo(sendPath(channel)))
                        .withFormParam("To", equalTo("whatsapp:" + contact))
                        .withFormParam("From", equalTo("whatsapp:" + channel.from()))
                        .withFormParam("Body", equalTo("Hola Grace")));

        String template = reply(
                channel,
                conversationId,
                Map.of(
                        "content",
                        Map.of(
                                "type",
                                "template",
                                "name",
                                "HXb5b62575e6e4ff6129ad7c8efe1f983e",
                                "language",
                                "es",
                                "parameters",
                                List.of("Grace", "12/1"))));
        awaitState(channel, conversationId, template, "sent");
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo(sendPath(channel)))
                        .withFormParam("ContentSid", equalTo("HXb5b62575e6e4ff6129ad7c8efe1f983e"))
                        .withRequestBody(containing("ContentVariables="))
                        .withFormParam("Body", absent()));
    }

    @Test
    void channelNeedsASenderAndAnAccountSid() {
        String token = token(signup("Twilio config"));
        var noSender = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "twilio_sms",
                        "name",
                        "SMS",
                        "config",
                        Map.of("accountSid", "AC" + unique(""), "authToken", "secret")),
                token);
        assertThat(noSender.status()).isEqualTo(400);
        assertThat(noSender.json().get("errors").get(0).get("field").asString()).isEqualTo("config.from");
        var badSid = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "twilio_sms",
                        "name",
                        "SMS",
                        "config",
                        Map.of("accountSid", "XY1", "authToken", "secret", "messagingServiceSid", "MG1")),
                token);
        assertThat(badSid.status()).isEqualTo(400);
        assertThat(badSid.json().get("errors").get(0).get("field").asString()).isEqualTo("config.accountSid");
    }

    @Test
    void mmsWithTwoAttachmentsBecomesTwoMessagesEachFetchedWithBasicAuth() throws Exception {
        var channel = channel("twilio_sms");
        String sid = "MM" + unique("");
        String mediaPath = "/2010-04-01/Accounts/" + channel.accountSid() + "/Messages/" + sid + "/Media/";
        String basic = Base64.getEncoder()
                .encodeToString((channel.accountSid() + ":" + channel.authToken()).getBytes(StandardCharsets.UTF_8));
        byte[] photo = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        byte[] voice = {'O', 'g', 'g', 'S', 9};
        // Twilio answers the media URL with a redirect to pre-signed storage, which must not get our credentials
        String storage = PROVIDERS.baseUrl().replace("localhost", "127.0.0.1") + "/twilio-storage/" + sid;
        PROVIDERS.stubFor(WireMock.get(urlEqualTo("/twilio" + mediaPath + "ME0"))
                .withBasicAuth(channel.accountSid(), channel.authToken())
                .willReturn(aResponse().withStatus(307).withHeader("Location", storage + "?X-Amz-Signature=abc")));
        PROVIDERS.stubFor(WireMock.get(urlEqualTo("/twilio-storage/" + sid + "?X-Amz-Signature=abc"))
                .withHeader("Authorization", absent())
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(photo)));
        PROVIDERS.stubFor(WireMock.get(urlEqualTo("/twilio" + mediaPath + "ME1"))
                .withBasicAuth(channel.accountSid(), channel.authToken())
                .willReturn(aResponse().withHeader("Content-Type", "audio/ogg").withBody(voice)));
        var params = inbound(phone(), sid, "Look at this");
        params.put("NumMedia", "2");
        params.put("MediaUrl0", "https://api.twilio.com" + mediaPath + "ME0");
        params.put("MediaContentType0", "image/jpeg");
        params.put("MediaUrl1", "https://api.twilio.com" + mediaPath + "ME1");
        params.put("MediaContentType1", "audio/ogg");
        assertThat(webhook(channel, "", params).status()).isEqualTo(200);

        String conversationId = awaitConversations(channel.token(), 1)
                .get("items")
                .get(0)
                .get("id")
                .asString();
        var stored = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> messages(channel.token(), conversationId),
                        list -> list.size() == 2
                                && !list.get(0).get("mediaUrl").isNull()
                                && !list.get(1).get("mediaUrl").isNull());
        var byProviderId = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
        stored.forEach(m -> byProviderId.put(m.get("providerMessageId").asString(), m));
        assertThat(byProviderId.keySet()).containsExactlyInAnyOrder(sid, sid + "/1");
        assertThat(byProviderId.get(sid).get("content").get("caption").asString())
                .isEqualTo("Look at this");
        assertThat(byProviderId.get(sid).get("content").get("mediaType").asString())
                .isEqualTo("image");
        assertThat(byProviderId.get(sid + "/1").get("content").get("mediaType").asString())
                .isEqualTo("audio");
        assertThat(download(byProviderId.get(sid).get("mediaUrl").asString())).isEqualTo(photo);
        assertThat(download(byProviderId.get(sid + "/1").get("mediaUrl").asString()))
                .isEqualTo(voice);
        PROVIDERS.verify(WireMock.getRequestedFor(urlEqualTo("/twilio" + mediaPath + "ME0"))
                .withHeader("Authorization", equalTo("Basic " + basic)));
    }

    @Test
    void attachmentGoesOutAsASignedLinkOnThePublicUrlThatTwilioCanFetch() throws Exception {
        var channel = channel("twilio_whatsapp");
        String sid = "MM" + unique("out");
        stubSend(channel, created(sid));
        String conversationId = inboundConversation(channel, phone());
        byte[] pdf = "%PDF-1.4 menu".getBytes(StandardCharsets.UTF_8);

        var sent = api.raw(
                "POST",
                "/api/v1/conversations/" + conversationId + "/attachments",
                "multipart/form-data; boundary=XyZ",
                ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"menu.pdf\"\r\n"
                                + "Content-Type: application/pdf\r\n\r\n" + new String(pdf, StandardCharsets.UTF_8)
                                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n"
                                + "Our menu\r\n--XyZ--\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                channel.token());
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        awaitState(channel, conversationId, sent.json().get("id").asString(), "sent");

        var request = PROVIDERS
                .findAll(postRequestedFor(urlEqualTo(sendPath(channel))))
                .getFirst();
        String mediaUrl = java.net.URLDecoder.decode(
                request.getBodyAsString().replaceAll(".*MediaUrl=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertThat(mediaUrl).startsWith(PUBLIC_URL + "/api/v1/files/attachments_");
        assertThat(request.getBodyAsString()).contains("Body=Our+menu");
        // what Twilio will fetch is the file itself, with no session
        assertThat(download(mediaUrl.substring(PUBLIC_URL.length()))).isEqualTo(pdf);
    }

    @Test
    void attachmentOverTwiliosLimitIsRefusedNamingTheFile() {
        var channel = channel("twilio_sms");
        String conversationId = inboundConversation(channel, phone());
        var tooBig = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "video.mp4",
                "video/mp4",
                new byte[5 * 1024 * 1024 + 10],
                channel.token());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(tooBig.json().get("detail").asString()).contains("5 MB").contains("Twilio");
    }

    private byte[] download(String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    // --- helpers in Twilio's words ---

    private Channel channel(String type) {
        String token = token(signup("Twilio Org"));
        String accountSid = "AC" + unique("") + unique("");
        String authToken = unique("auth-");
        String from = "+1500555" + ThreadLocalRandom.current().nextInt(1000, 9999);
        var created = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        type,
                        "name",
                        "Twilio line",
                        "config",
                        Map.of("accountSid", accountSid, "authToken", authToken, "from", from)),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String webhookUrl = created.json().get("webhookUrl").asString();
        assertThat(webhookUrl).endsWith("/webhooks/twilio/" + id);
        return new Channel(token, id, webhookUrl, accountSid, authToken, from);
    }

    private static String phone() {
        return "+1415" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static Map<String, String> inbound(String from, String sid, String body) {
        var params = new LinkedHashMap<String, String>();
        params.put("ToCountry", "US");
        params.put("SmsMessageSid", sid);
        params.put("NumMedia", "0");
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("Body", body);
        params.put("To", "+15005550006");
        params.put("NumSegments", "1");
        params.put("MessageSid", sid);
        params.put("AccountSid", "ACignored");
        params.put("From", from);
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    private static Map<String, String> status(String sid, String status, String errorCode) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("ApiVersion", "2010-04-01");
        if (errorCode != null) params.put("ErrorCode", errorCode);
        return params;
    }

    private String inboundConversation(Channel channel, String contact) {
        webhook(channel, "", inbound(contact, "SM" + unique("in"), "Hi"));
        return awaitConversations(channel.token(), 1)
                .get("items")
                .get(0)
                .get("id")
                .asString();
    }

    private static String sendPath(Channel channel) {
        return "/twilio/2010-04-01/Accounts/" + channel.accountSid() + "/Messages.json";
    }

    private static void stubSend(Channel channel, ResponseDefinitionBuilder answer) {
        PROVIDERS.stubFor(post(urlEqualTo(sendPath(channel))).willReturn(answer));
    }

    private static ResponseDefinitionBuilder created(String sid) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"direction\":\"outbound-api\","
                        + "\"num_segments\":\"1\",\"date_created\":\"Thu, 30 Jul 2015 20:12:31 +0000\"}");
    }

    private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"" + message.replace("'", "\\u0027")
                        + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status
                        + "}");
    }

    private String reply(Channel channel, String conversationId, Map<String, ?> body) {
        var reply = api.post("/api/v1/conversations/" + conversationId + "/messages", body, channel.token());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return reply.json().get("id").asString();
    }

    private void awaitState(Channel channel, String conversationId, String messageId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(message(channel.token(), conversationId, messageId)
                                .get("deliveryState")
                                .asString())
                        .isEqualTo(state));
    }

    private int storedEvents(Channel channel) {
        return ownerDb()
                .fetchCount(
                        DSL.table("inbound_events"),
                        DSL.field("channel_id").eq(java.util.UUID.fromString(channel.id())));
    }

    private ApiClient.Response webhook(Channel channel, String suffix, Map<String, String> params) {
        String url = channel.webhookUrl() + suffix;
        return api.send(api.request("/webhooks/twilio/" + channel.id() + suffix, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(channel.authToken(), url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Computed here independently, as Twilio documents it: URL + sorted name/value pairs, HMAC-SHA1, base64. */
    private static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
