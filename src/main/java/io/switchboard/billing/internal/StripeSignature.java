package io.switchboard.billing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Stripe's webhook signature: header {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=...]},
 * where v1 = HMAC-SHA256(secret, "t.payload"). Rejects timestamps more than the tolerance away from
 * now in either direction (replayed old deliveries, and clocks or forgers from the future).
 */
final class StripeSignature {

    sealed interface Result {}

    record Valid(Instant timestamp) implements Result {}

    record Invalid(String reason) implements Result {}

    private StripeSignature() {}

    static Result verify(@Nullable String header, byte[] payload, String secret, Duration tolerance, Instant now) {
        if (header == null || header.isBlank()) return new Invalid("missing Stripe-Signature header");
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new Invalid("malformed timestamp");
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null) return new Invalid("no timestamp in Stripe-Signature");
        if (signatures.isEmpty()) return new Invalid("no v1 signature in Stripe-Signature");
        byte[] expected = hmac(secret, timestamp + "." + new String(payload, StandardCharsets.UTF_8));
        boolean match = false;
        for (String s : signatures) {
            try {
                match |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(s));
            } catch (IllegalArgumentException ignored) {
                // not hex: can't match
            }
        }
        if (!match) return new Invalid("signature does not match the webhook secret");
        Instant at = Instant.ofEpochSecond(timestamp);
        if (at.isBefore(now.minus(tolerance))) return new Invalid("timestamp is older than the tolerance");
        if (at.isAfter(now.plus(tolerance))) return new Invalid("timestamp is in the future");
        return new Valid(at);
    }

    static String sign(String secret, long timestamp, String payload) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + payload));
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
