package io.switchboard.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Files sent from the inbox composer, on a server with no public URL configured. */
class ConversationAttachmentsWebTests extends IntegrationTest {

    @Test
    void sandboxAttachmentIsRecordedDeliveredAndShownThroughASignedLink() throws Exception {
        String token = token(signup("Attachments Org"));
        String conversationId = sandboxConversation(token, "+14155550100", "Ada", "hello");
        byte[] audio = {'I', 'D', '3', 4, 0, 0};

        var sent = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "voice note.mp3",
                "audio/mpeg",
                audio,
                token);

        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(sent.json().get("content").get("type").asString()).isEqualTo("media");
        assertThat(sent.json().get("content").get("mediaType").asString()).isEqualTo("audio");
        assertThat(sent.json().get("content").get("filename").asString()).isEqualTo("voice note.mp3");
        assertThat(sent.json().get("content").get("sizeBytes").asLong()).isEqualTo(audio.length);
        String messageId = sent.json().get("id").asString();
        var delivered = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                                .json()
                                .get("items")
                                .get(0),
                        m -> m.get("id").asString().equals(messageId)
                                && m.get("deliveryState").asString().equals("delivered"));
        var file = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + delivered.get("mediaUrl").asString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(audio);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, token).json();
        assertThat(conversation.get("lastMessagePreview").asString()).isEqualTo("[audio]");
    }

    @Test
    void emptyOrMissingFilesAndOtherOrganisationsConversationsAreRefused() {
        String token = token(signup("Refusals Org"));
        String conversationId = sandboxConversation(token, "+14155550100", "Ada", "hello");
        var empty = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "x.txt",
                "text/plain",
                new byte[0],
                token);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("file");

        String stranger = token(signup("Stranger Org"));
        var foreign = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "x.txt",
                "text/plain",
                new byte[] {1},
                stranger);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void twilioMediaWithoutAPublicUrlIsRefusedSayingWhatToSet() throws Exception {
        String token = token(signup("Twilio No Url Org"));
        String accountSid = "AC" + "0123456789abcdef0123456789abcdef";
        String authToken = "twilio-auth-token-1";
        var channel = api.post(
                        "/api/v1/channels",
                        Map.of(
                                "type",
                                "twilio_sms",
                                "name",
                                "SMS",
                                "config",
                                Map.of("accountSid", accountSid, "authToken", authToken, "from", "+15005550006")),
                        token)
                .json();
        String webhookUrl = channel.get("webhookUrl").asString();
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", "SMnopublicurl0001");
        params.put("From", "+14155550199");
        params.put("Body", "hello");
        params.put("NumMedia", "0");
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var accepted =
                api.send(api.request("/webhooks/twilio/" + channel.get("id").asString(), null)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", twilioSignature(authToken, webhookUrl, params))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(accepted.status()).isEqualTo(200);
        String conversationId = awaitOnlyConversation(token);

        var refused = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "photo.jpg",
                "image/jpeg",
                new byte[] {1, 2, 3},
                token);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("/public-url-required");
        assertThat(refused.json().get("detail").asString()).contains("SWITCHBOARD_PUBLIC_URL");
        assertThat(api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    private static String twilioSignature(String authToken, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
