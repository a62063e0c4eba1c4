package io.switchboard.storage.internal;

import io.switchboard.shared.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs file links: {@code sig = base64url(HMAC-SHA256(k, orgId \n key \n exp))} with {@code k} derived
 * from the master key, so every node with the same master key accepts the same links. The organisation
 * is part of what is signed: a link only opens a file of the organisation it was made for.
 */
@Component
class LinkSigner {

    /** Expiry times are rounded up to this, so a link stays the same for a while (browser caches keep working). */
    static final long BUCKET_SECONDS = 300;

    private final byte[] key;

    LinkSigner(SecretBox secrets) {
        this.key = secrets.deriveKey("storage:file-links:v1");
    }

    record Signed(long exp, String sig) {}

    Signed sign(UUID orgId, String fileKey, Duration ttl, Instant now) {
        long wanted = now.plus(ttl).getEpochSecond();
        long exp = (wanted / BUCKET_SECONDS + 1) * BUCKET_SECONDS;
        return new Signed(exp, signature(orgId, fileKey, exp));
    }

    boolean matches(UUID orgId, String fileKey, long exp, String sig) {
        byte[] expected = signature(orgId, fileKey, exp).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(UUID orgId, String fileKey, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((orgId + "\n" + fileKey + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
