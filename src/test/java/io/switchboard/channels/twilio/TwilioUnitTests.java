package io.switchboard.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.UnreadablePayloadException;
import io.switchboard.channels.spi.WebhookRequest;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageContent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioUnitTests {

    // Twilio's published example (docs "Webhooks security" and the SDK's RequestValidatorTest)
    private static final String DOCS_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String DOCS_TOKEN = "12345";
    private static final Map<String, String> DOCS_PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675310",
            "Digits", "1234",
            "From", "+14158675310",
            "To", "+18005551212");

    @Test
    void twiliosPublishedSignatureExampleVerifies() {
        assertThat(independentSignature(DOCS_TOKEN, DOCS_URL, DOCS_PARAMS)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
        var request = request(DOCS_URL, form(DOCS_PARAMS), "GvWf1cFY/Q7PnoempGyD5oXAezc=");
        assertThat(TwilioSignature.matches(request, DOCS_TOKEN)).isTrue();
        assertThat(TwilioSignature.matches(request, "54321")).isFalse();
    }

    @Test
    void signatureCoversUrlAndEveryParameter() {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", "SM123");
        params.put("From", "whatsapp:+14155550100");
        params.put("Body", "Grüße & more = fun");
        String url = "https://switchboard.example/webhooks/twilio/abc";
        String signature = independentSignature("tok", url, params);

        assertThat(TwilioSignature.matches(request(url, form(params), signature), "tok"))
                .isTrue();
        assertThat(TwilioSignature.matches(request(url + "/status", form(params), signature), "tok"))
                .isFalse();
        params.put("Body", "tampered");
        assertThat(TwilioSignature.matches(request(url, form(params), signature), "tok"))
                .isFalse();
        assertThat(TwilioSignature.matches(request(url, form(params), null), "tok"))
                .isFalse();
        assertThat(TwilioSignature.matches(request(url, "Body=%E0%A4%A", signature), "tok"))
                .isFalse();
    }

    @Test
    void inboundMessagesAreRead() {
        var sms = (InboundItem.Message) TwilioWebhookParser.parse(form(Map.of(
                        "MessageSid",
                        "SM1",
                        "From",
                        "+14155550100",
                        "To",
                        "+15005550006",
                        "Body",
                        "Hi there",
                        "NumMedia",
                        "0")))
                .getFirst();
        assertThat(sms.externalId()).isEqualTo("+14155550100");
        assertThat(sms.phoneE164()).isEqualTo("+14155550100");
        assertThat(sms.providerMessageId()).isEqualTo("SM1");
        assertThat(sms.content()).isEqualTo(new MessageContent.Text("Hi there"));

        var whatsapp = (InboundItem.Message) TwilioWebhookParser.parse(form(Map.of(
                        "MessageSid",
                        "SM2",
                        "From",
                        "whatsapp:+447700900123",
                        "ProfileName",
                        "Grace",
                        "NumMedia",
                        "1",
                        "MediaUrl0",
                        "https://api.twilio.com/media/ME1",
                        "MediaContentType0",
                        "image/jpeg",
                        "Body",
                        "look")))
                .getFirst();
        assertThat(whatsapp.externalId()).isEqualTo("+447700900123");
        assertThat(whatsapp.displayName()).isEqualTo("Grace");
        assertThat(whatsapp.content())
                .isEqualTo(new MessageContent.Media(
                        "image", "https://api.twilio.com/media/ME1", "image/jpeg", "look", null));

        var location = (InboundItem.Message) TwilioWebhookParser.parse(form(Map.of(
                        "MessageSid",
                        "SM3",
                        "From",
                        "whatsapp:+447700900123",
                        "Latitude",
                        "51.5",
                        "Longitude",
                        "-0.12",
                        "Label",
                        "Office")))
                .getFirst();
        assertThat(location.content()).isEqualTo(new MessageContent.Location(51.5, -0.12, "Office", null));

        var button = (InboundItem.Message) TwilioWebhookParser.parse(form(Map.of(
                        "MessageSid",
                        "SM4",
                        "From",
                        "whatsapp:+447700900123",
                        "ButtonPayload",
                        "YES",
                        "ButtonText",
                        "Yes please",
                        "Body",
                        "Yes please")))
                .getFirst();
        assertThat(button.content()).isEqualTo(new MessageContent.InteractiveReply("YES", "Yes please"));
    }

    @Test
    void statusCallbacksBecomeDeliveryUpdates() {
        assertThat(status("sent")).isEqualTo(DeliveryState.SENT);
        assertThat(status("delivered")).isEqualTo(DeliveryState.DELIVERED);
        assertThat(status("read")).isEqualTo(DeliveryState.READ);
        assertThat(status("failed")).isEqualTo(DeliveryState.FAILED);
        assertThat(TwilioWebhookParser.parse(form(Map.of("MessageSid", "SM9", "MessageStatus", "queued"))))
                .isEmpty();
        var undelivered = (InboundItem.StatusUpdate) TwilioWebhookParser.parse(
                        form(Map.of("MessageSid", "SM9", "MessageStatus", "undelivered", "ErrorCode", "30003")))
                .getFirst();
        assertThat(undelivered.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(undelivered.error()).isEqualTo("Twilio undelivered (error 30003)");
    }

    @Test
    void bodiesThatAreNotTwilioWebhooksAreUnreadable() {
        assertThatThrownBy(() -> TwilioWebhookParser.parse("{\"json\": true}"))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("MessageSid");
        assertThatThrownBy(() -> TwilioWebhookParser.parse("MessageSid=SM1&Body=%ZZ"))
                .isInstanceOf(UnreadablePayloadException.class);
        assertThatThrownBy(() -> TwilioWebhookParser.parse("MessageSid=SM1&Body=hi"))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("From");
    }

    @Test
    void twilioErrorsMapToSendResults() {
        assertThat(TwilioSender.answer(apiError(429, 20429), Duration.ofSeconds(3)))
                .isEqualTo(new SendResult.RetryLater(Duration.ofSeconds(3), "Twilio error 20429: boom"));
        assertThat(TwilioSender.answer(apiError(503, 20500), Duration.ZERO)).isInstanceOf(SendResult.RetryLater.class);
        assertThat(TwilioSender.answer(apiError(400, 21211), Duration.ZERO))
                .isEqualTo(new SendResult.Failed("Twilio error 21211: boom"));
        assertThat(TwilioSender.answer(apiError(401, 20003), Duration.ZERO)).isInstanceOf(SendResult.Failed.class);
    }

    @Test
    void whatsAppAddressesCarryThePrefixOnce() {
        assertThat(TwilioFlavor.WHATSAPP.address("+14155550100")).isEqualTo("whatsapp:+14155550100");
        assertThat(TwilioFlavor.WHATSAPP.address("whatsapp:+14155550100")).isEqualTo("whatsapp:+14155550100");
        assertThat(TwilioFlavor.SMS.address("+14155550100")).isEqualTo("+14155550100");
        assertThat(TwilioFlavor.WHATSAPP.window()).contains(Duration.ofHours(24));
        assertThat(TwilioFlavor.SMS.window()).isEmpty();
    }

    private static DeliveryState status(String status) {
        return ((InboundItem.StatusUpdate)
                        TwilioWebhookParser.parse(form(Map.of("MessageSid", "SM9", "MessageStatus", status)))
                                .getFirst())
                .state();
    }

    private static ApiException apiError(int status, int code) {
        return new ApiException("boom", code, null, status, null, null, null, null);
    }

    private static WebhookRequest request(String url, String body, String signature) {
        Map<String, List<String>> headers =
                signature == null ? Map.of() : Map.of("X-Twilio-Signature", List.of(signature));
        return new WebhookRequest("POST", url, headers, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Twilio's algorithm, written out here without the SDK: URL + sorted name/value pairs, HMAC-SHA1, base64. */
    static String independentSignature(String authToken, String url, Map<String, String> params) {
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
