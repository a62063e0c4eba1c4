package io.switchboard.shared.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.switchboard.shared.SwitchboardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (provider tokens, TOTP seeds, the JWT key) with AES-256-GCM from Tink.
 * The key comes from {@code SWITCHBOARD_MASTER_KEY} (base64 of 32 bytes) or, when unset, from a key
 * generated once into the data dir. The associated data binds a ciphertext to its purpose so one
 * cannot be swapped for another.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private final Aead aead;
    private final byte[] derivationKey;

    public SecretBox(SwitchboardProperties properties) {
        byte[] master = masterKey(properties);
        this.derivationKey = hmac(master, "switchboard:derivation-key".getBytes(StandardCharsets.UTF_8));
        try {
            this.aead = new AesGcmJce(master);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Master key is not a valid AES-256 key", e);
        }
    }

    public byte[] encrypt(String purpose, byte[] plaintext) {
        try {
            return aead.encrypt(plaintext, purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public byte[] decrypt(String purpose, byte[] ciphertext) {
        try {
            return aead.decrypt(ciphertext, purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt a secret: wrong master key?", e);
        }
    }

    public byte[] encryptString(String purpose, String plaintext) {
        return encrypt(purpose, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String decryptString(String purpose, byte[] ciphertext) {
        return new String(decrypt(purpose, ciphertext), StandardCharsets.UTF_8);
    }

    /**
     * A 32-byte key for one purpose (signing links, for example), derived from the master key: the
     * same on every node that shares the master key, and unrelated to the encryption key itself.
     */
    public byte[] deriveKey(String purpose) {
        return hmac(derivationKey, purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] masterKey(SwitchboardProperties properties) {
        String configured = properties.masterKey();
        if (configured != null && !configured.isBlank()) {
            byte[] key = decode(configured.trim());
            if (key.length != 32) {
                throw new IllegalStateException(
                        "SWITCHBOARD_MASTER_KEY must be base64 of 32 random bytes (openssl rand -base64 32)");
            }
            return key;
        }
        Path file = properties.dataDir().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            trySetOwnerOnly(file);
            log.warn(
                    "Generated a master key in {}. Back it up, or set SWITCHBOARD_MASTER_KEY for clusters.",
                    file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Master key is not valid base64", e);
        }
    }

    private static void trySetOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not restrict permissions of {}", file);
        }
    }
}
