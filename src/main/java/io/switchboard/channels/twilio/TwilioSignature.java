package io.switchboard.channels.twilio;

import com.twilio.security.RequestValidator;
import io.switchboard.channels.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code X-Twilio-Signature}: base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value,
 * sorted by name)), checked by the SDK's own {@link RequestValidator} (constant-time, and it also
 * tries the URL with and without the default port as Twilio may sign either).
 */
final class TwilioSignature {

    static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {}

    static boolean matches(WebhookRequest request, String authToken) {
        String signature = request.header(HEADER);
        if (signature == null || signature.isBlank()) {
            return false;
        }
        var validator = new RequestValidator(authToken);
        String body = new String(request.body(), StandardCharsets.UTF_8);
        try {
            // JSON webhooks are signed over the URL only and carry bodySHA256 in the query
            if (request.params().containsKey("bodySHA256")) {
                return validator.validate(request.url(), body, signature);
            }
            Map<String, String> form = TwilioForm.parse(body);
            return validator.validate(request.url(), form, signature);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return false; // undecodable form or URL: it cannot carry a valid signature
        }
    }
}
