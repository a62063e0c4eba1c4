package io.switchboard.identity.internal;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 s steps, ±1 step of clock drift). */
final class Totp {

    private static final int DIGITS = 6;
    private static final long STEP_SECONDS = 30;

    private Totp() {}

    static String newSecret() {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    static String otpauthUri(String issuer, String account, String secret) {
        String label = URLEncoder.encode(issuer + ":" + account, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8) + "&algorithm=SHA1&digits=6&period=30";
    }

    static boolean verify(String secret, String code, Instant now) {
        long step = now.getEpochSecond() / STEP_SECONDS;
        for (long drift = -1; drift <= 1; drift++) {
            if (java.security.MessageDigest.isEqual(
                    codeAt(secret, step + drift).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static String codeAt(String secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
            return String.format("%0" + DIGITS + "d", binary % (int) Math.pow(10, DIGITS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String currentCode(String secret, Instant now) {
        return codeAt(secret, now.getEpochSecond() / STEP_SECONDS);
    }
}
