package io.switchboard.channels.whatsappcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.UnreadablePayloadException;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WhatsAppCloudUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MetaWebhookParser parser = new MetaWebhookParser(JSON);
    private final GraphMessages messages = new GraphMessages(JSON);
    private final GraphApi graph = new GraphApi("http://127.0.0.1:9", JSON);

    // --- signatures ---

    @Test
    void signatureIsHexHmacSha256OfTheRawBodyWithTheAppSecret() throws Exception {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cr3t".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));

        assertThat(MetaSignature.matches(body, expected, "s3cr3t")).isTrue();
        assertThat(MetaSignature.matches(body, expected.toUpperCase().replace("SHA256=", "sha256="), "s3cr3t"))
                .isTrue();
        assertThat(MetaSignature.matches(body, expected, "other")).isFalse();
        assertThat(MetaSignature.matches(body, expected.substring("sha256=".length()), "s3cr3t"))
                .isFalse();
        assertThat(MetaSignature.matches(body, null, "s3cr3t")).isFalse();
        byte[] tampered = "{\"object\":\"whatsapp_business_account\",\"entry\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertThat(MetaSignature.matches(tampered, expected, "s3cr3t")).isFalse();
    }

    @Test
    void knownVectorMatches() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog"), the classic published vector
        byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(MetaSignature.sign(body, "key"))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    // --- webhook parsing ---

    @Test
    void everyKindOfInboundMessageIsRead() {
        String payload = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","metadata":{"phone_number_id":"99"},
                  "contacts":[{"profile":{"name":"Grace"},"wa_id":"447700900123"}],
                  "messages":[
                    {"from":"447700900123","id":"w1","timestamp":"1700000000","type":"text","text":{"body":"hi"}},
                    {"from":"447700900123","id":"w2","timestamp":"1700000001","type":"image",
                     "image":{"id":"MEDIA1","mime_type":"image/jpeg","caption":"my cat","sha256":"x"}},
                    {"from":"447700900123","id":"w3","timestamp":"1700000002","type":"document",
                     "document":{"id":"MEDIA2","mime_type":"application/pdf","filename":"invoice.pdf"}},
                    {"from":"447700900123","id":"w4","timestamp":"1700000003","type":"location",
                     "location":{"latitude":51.5,"longitude":-0.12,"name":"Office","address":"1 Main St"}},
                    {"from":"447700900123","id":"w5","timestamp":"1700000004","type":"interactive",
                     "interactive":{"type":"button_reply","button_reply":{"id":"yes","title":"Yes please"}}},
                    {"from":"447700900123","id":"w6","timestamp":"1700000005","type":"interactive",
                     "interactive":{"type":"list_reply","list_reply":{"id":"row2","title":"Tuesday","description":"am"}}},
                    {"from":"447700900123","id":"w7","timestamp":"1700000006","type":"button",
                     "button":{"payload":"STOP","text":"Stop promotions"}},
                    {"from":"447700900123","id":"w8","timestamp":"1700000007","type":"reaction",
                     "reaction":{"message_id":"wamid.ours","emoji":"👍"}},
                    {"from":"447700900123","id":"w9","timestamp":"1700000008","type":"contacts",
                     "contacts":[{"name":{"formatted_name":"Bob B"},"phones":[{"phone":"+1 555 0100","type":"CELL"}]}]},
                    {"from":"447700900123","id":"w10","timestamp":"1700000009","type":"order","order":{"catalog_id":"7"}}
                  ]}}]}]}
                """;
        List<InboundItem> items = parser.parse(payload);
        assertThat(items).hasSize(10).allSatisfy(item -> {
            var message = (InboundItem.Message) item;
            assertThat(message.externalId()).isEqualTo("447700900123");
            assertThat(message.phoneE164()).isEqualTo("+447700900123");
            assertThat(message.displayName()).isEqualTo("Grace");
        });
        var first = (InboundItem.Message) items.getFirst();
        assertThat(first.providerMessageId()).isEqualTo("w1");
        assertThat(first.sentAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(contents(items))
                .containsExactly(
                        new MessageContent.Text("hi"),
                        new MessageContent.Media("image", "media:MEDIA1", "image/jpeg", "my cat", null),
                        new MessageContent.Media("document", "media:MEDIA2", "application/pdf", null, "invoice.pdf"),
                        new MessageContent.Location(51.5, -0.12, "Office", "1 Main St"),
                        new MessageContent.InteractiveReply("yes", "Yes please"),
                        new MessageContent.InteractiveReply("row2", "Tuesday"),
                        new MessageContent.InteractiveReply("STOP", "Stop promotions"),
                        new MessageContent.Reaction("👍", "wamid.ours"),
                        new MessageContent.SharedContacts(
                                List.of(new MessageContent.SharedContacts.Card("Bob B", List.of("+1 555 0100")))),
                        contents(items).getLast());
        var unsupported = (MessageContent.Unsupported) contents(items).getLast();
        assertThat(unsupported.providerType()).isEqualTo("order");
        assertThat(JSON.readTree(unsupported.raw())
                        .path("order")
                        .path("catalog_id")
                        .asString())
                .isEqualTo("7");
    }

    @Test
    void statusesBecomeDeliveryUpdatesWithTheFailureReason() {
        String payload = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                  "statuses":[
                    {"id":"wamid.a","status":"sent","timestamp":"1700000000","recipient_id":"1"},
                    {"id":"wamid.a","status":"delivered","timestamp":"1700000001","recipient_id":"1"},
                    {"id":"wamid.a","status":"read","timestamp":"1700000002","recipient_id":"1"},
                    {"id":"wamid.b","status":"failed","timestamp":"1700000003","recipient_id":"1",
                     "errors":[{"code":131047,"title":"Re-engagement message"}]},
                    {"id":"wamid.c","status":"deleted","timestamp":"1700000004","recipient_id":"1"}
                  ]}}]}]}
                """;
        assertThat(parser.parse(payload))
                .containsExactly(
                        new InboundItem.StatusUpdate(
                                "wamid.a", DeliveryState.SENT, Instant.ofEpochSecond(1700000000), null),
                        new InboundItem.StatusUpdate(
                                "wamid.a", DeliveryState.DELIVERED, Instant.ofEpochSecond(1700000001), null),
                        new InboundItem.StatusUpdate(
                                "wamid.a", DeliveryState.READ, Instant.ofEpochSecond(1700000002), null),
                        new InboundItem.StatusUpdate(
                                "wamid.b",
                                DeliveryState.FAILED,
                                Instant.ofEpochSecond(1700000003),
                                "Re-engagement message (code 131047)"));
    }

    @Test
    void otherWebhookFieldsAreIgnoredAndGarbageIsUnreadable() {
        assertThat(parser.parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
                  {"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}
                """)).isEmpty();
        assertThatThrownBy(() -> parser.parse("<html>")).isInstanceOf(UnreadablePayloadException.class);
        assertThatThrownBy(() -> parser.parse("{\"object\":\"page\",\"entry\":[]}"))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("page");
        assertThatThrownBy(() -> parser.parse("""
                {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{
                  "messages":[{"id":"w1","type":"text","text":{"body":"no sender"}}]}}]}]}
                """))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("from");
    }

    // --- outgoing bodies ---

    @Test
    void textMediaAndTemplateBodiesFollowGraphsFormat() {
        var text = messages.body("+4477", new MessageContent.Text("hi")).orElseThrow();
        assertThat(text.toString())
                .isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"4477\","
                        + "\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"hi\"}}");
        var image = messages.body("4477", new MessageContent.Media("image", "https://x/cat.jpg", null, "cat", null))
                .orElseThrow();
        assertThat(image.path("image").path("link").asString()).isEqualTo("https://x/cat.jpg");
        assertThat(image.path("image").path("caption").asString()).isEqualTo("cat");
        var forwarded = messages.body("4477", new MessageContent.Media("audio", "media:123", null, "ignored", null))
                .orElseThrow();
        assertThat(forwarded.path("audio").path("id").asString()).isEqualTo("123");
        assertThat(forwarded.path("audio").has("caption")).isFalse();
        var template = messages.body("4477", new MessageContent.Template("hello", "en", List.of()))
                .orElseThrow();
        assertThat(template.path("template").has("components")).isFalse();
        assertThat(messages.body("4477", new MessageContent.InteractiveReply("a", "b")))
                .isEmpty();
    }

    @Test
    void upToThreeOptionsAreButtonsAndMoreAreAList() {
        var options = List.of(
                new MessageContent.Interactive.Option("a", "A", null),
                new MessageContent.Interactive.Option("b", "B", null),
                new MessageContent.Interactive.Option("c", "C", "third"));
        var buttons = messages.body("1", new MessageContent.Interactive("Pick", options, null))
                .orElseThrow();
        assertThat(buttons.path("interactive").path("type").asString()).isEqualTo("button");
        assertThat(buttons.path("interactive").path("action").path("buttons")).hasSize(3);
        assertThat(buttons.path("interactive")
                        .path("action")
                        .path("buttons")
                        .path(2)
                        .path("reply")
                        .path("id")
                        .asString())
                .isEqualTo("c");
        var more = new java.util.ArrayList<>(options);
        more.add(new MessageContent.Interactive.Option("d", "D", null));
        var list = messages.body("1", new MessageContent.Interactive("Pick", more, "Days"))
                .orElseThrow();
        assertThat(list.path("interactive").path("type").asString()).isEqualTo("list");
        assertThat(list.path("interactive").path("action").path("button").asString())
                .isEqualTo("Days");
        var rows =
                list.path("interactive").path("action").path("sections").path(0).path("rows");
        assertThat(rows).hasSize(4);
        assertThat(rows.path(2).path("description").asString()).isEqualTo("third");
    }

    // --- answers ---

    @Test
    void graphAnswersMapToSendResults() {
        assertThat(graph.answer(200, null, "{\"messages\":[{\"id\":\"wamid.1\"}]}"))
                .isEqualTo(new SendResult.Sent("wamid.1"));
        assertThat(graph.answer(429, "7", "")).isInstanceOf(SendResult.RetryLater.class);
        assertThat(((SendResult.RetryLater) graph.answer(429, "7", "")).after()).isEqualTo(Duration.ofSeconds(7));
        // throttling codes arrive with 400 too
        assertThat(graph.answer(400, null, "{\"error\":{\"code\":131056,\"message\":\"pair rate limit\"}}"))
                .isInstanceOf(SendResult.RetryLater.class);
        assertThat(graph.answer(400, null, "{\"error\":{\"code\":80007,\"message\":\"rate limit\"}}"))
                .isInstanceOf(SendResult.RetryLater.class);
        assertThat(graph.answer(503, null, "<html>busy</html>")).isInstanceOf(SendResult.RetryLater.class);
        assertThat(graph.answer(401, null, "{\"error\":{\"code\":190,\"message\":\"Invalid OAuth access token\"}}"))
                .isEqualTo(new SendResult.Failed("WhatsApp error 190: Invalid OAuth access token"));
        assertThat(graph.answer(200, null, "{}")).isInstanceOf(SendResult.Failed.class);
    }

    @Test
    void unreachableGraphIsRetriedLater() {
        var body = messages.body("1", new MessageContent.Text("x")).orElseThrow();
        assertThat(graph.send("123", "token", body)).isInstanceOf(SendResult.RetryLater.class);
    }

    private static List<MessageContent> contents(List<InboundItem> items) {
        return items.stream()
                .map(item -> ((InboundItem.Message) item).content())
                .toList();
    }
}
