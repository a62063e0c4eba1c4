package io.switchboard.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of the Standard Webhooks spec (standardwebhooks.com, "Verifying webhooks"),
 * written from the spec and independent of the application's signing code: strip {@code whsec_},
 * base64-decode the key, HMAC-SHA256 over {@code id.timestamp.body}, compare in constant time with
 * each space-separated {@code v1,} signature, and refuse timestamps more than five minutes away.
 */
final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooksVerifier() {}

    /** Answers whether any signature in the header verifies with {@code secret}. */
    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
        long ts = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - ts) > TOLERANCE.toSeconds()) return false;
        String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String versioned : signatureHeader.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")) {
                byte[] given = Base64.getDecoder().decode(parts[1]);
                if (MessageDigest.isEqual(expected, given)) return true;
            }
        }
        return false;
    }

    static List<String> signatures(String signatureHeader) {
        return new ArrayList<>(List.of(signatureHeader.split(" ")));
    }
}
