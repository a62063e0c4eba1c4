package io.switchboard.storage.internal;

import static io.switchboard.storage.internal.FileTables.Files;

import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.storage.BlobStore;
import io.switchboard.storage.BlobTooLargeException;
import io.switchboard.storage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Blobs of organisations: bytes are first spooled to a temporary file (size capped, SHA-256 computed on
 * the way), then handed to the backend, then recorded in {@code files}. Lookups always filter by the
 * organisation, so another organisation's key behaves like a missing one.
 */
@Service
class StorageService implements BlobStore {

    static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,30}_[0-9a-f]{32}");
    private static final Pattern MIME =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    static final String FILES_PATH = "/api/v1/files/";
    private static final Logger log = LoggerFactory.getLogger(StorageService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final BlobBackend backend;
    private final LinkSigner signer;
    private final Path spool;
    private final String publicBase;

    StorageService(
            DSLContext db,
            ScopedTransactions tx,
            BlobBackend backend,
            LinkSigner signer,
            SwitchboardProperties properties) {
        this.db = db;
        this.tx = tx;
        this.backend = backend;
        this.signer = signer;
        this.spool = properties.dataDir().resolve("blobs").resolve(".incoming");
        String url = properties.publicUrl();
        this.publicBase = url == null ? "" : url.trim().replaceAll("/+$", "");
    }

    @Override
    public StoredBlob put(
            UUID orgId, String category, String filename, String contentType, InputStream content, long maxBytes) {
        if (!CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("category must be a short lower-case word: " + category);
        }
        String key = category + "_" + HexFormat.of().formatHex(randomBytes());
        String objectKey = orgId + "/" + category + "/" + key;
        String type = normalisedType(contentType);
        String name = cleanFilename(filename);
        Path temp = null;
        try {
            java.nio.file.Files.createDirectories(spool);
            temp = java.nio.file.Files.createTempFile(spool, "upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = java.nio.file.Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            var blob = new StoredBlob(key, size, HexFormat.of().formatHex(sha256.digest()), type, name);
            backend.store(objectKey, temp, size, type);
            try {
                tx.inOrg(
                        orgId,
                        () -> db.insertInto(Files.T)
                                .set(Files.KEY, key)
                                .set(Files.ORG_ID, orgId)
                                .set(Files.CATEGORY, category)
                                .set(Files.FILENAME, name)
                                .set(Files.CONTENT_TYPE, type)
                                .set(Files.SIZE_BYTES, blob.size())
                                .set(Files.SHA256, blob.sha256())
                                .execute());
            } catch (RuntimeException e) {
                quietlyDelete(objectKey);
                throw e;
            }
            return blob;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + category + " file: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover part file in the spool dir is harmless
                }
            }
        }
    }

    @Override
    public Optional<StoredBlob> find(UUID orgId, String key) {
        if (!KEY.matcher(key).matches()) return Optional.empty();
        return tx.inOrg(
                        orgId,
                        () -> db.select(Files.ALL)
                                .from(Files.T)
                                .where(Files.ORG_ID.eq(orgId), Files.KEY.eq(key))
                                .fetchOptional())
                .map(StorageService::toBlob);
    }

    @Override
    public Optional<OpenBlob> open(UUID orgId, String key) {
        return find(orgId, key).map(blob -> {
            try {
                return new OpenBlob(blob, backend.read(orgId + "/" + objectCategory(key) + "/" + key));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read file " + key + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void delete(UUID orgId, String key) {
        if (find(orgId, key).isEmpty()) return;
        tx.inOrg(
                orgId,
                () -> db.deleteFrom(Files.T)
                        .where(Files.ORG_ID.eq(orgId), Files.KEY.eq(key))
                        .execute());
        quietlyDelete(orgId + "/" + objectCategory(key) + "/" + key);
    }

    @Override
    public String signedUrl(UUID orgId, String key, Duration ttl) {
        var signed = signer.sign(orgId, key, ttl, Instant.now());
        return FILES_PATH + key + "?exp=" + signed.exp() + "&sig=" + signed.sig();
    }

    @Override
    public Optional<String> publicUrl(UUID orgId, String key, Duration ttl) {
        return publicBase.isEmpty() ? Optional.empty() : Optional.of(publicBase + signedUrl(orgId, key, ttl));
    }

    @Override
    public boolean publicLinksAvailable() {
        return !publicBase.isEmpty();
    }

    @Override
    public String backend() {
        return backend.name();
    }

    /** For serving a signed link: the file whoever owns it, with its organisation. */
    Optional<OwnedBlob> findAnyOrg(String key) {
        if (!KEY.matcher(key).matches()) return Optional.empty();
        return tx.asSystem(
                        "signed file link",
                        () -> db.select(Files.ALL)
                                .from(Files.T)
                                .where(Files.KEY.eq(key))
                                .fetchOptional())
                .map(r -> new OwnedBlob(r.get(Files.ORG_ID), toBlob(r)));
    }

    record OwnedBlob(UUID orgId, StoredBlob blob) {}

    boolean signerMatches(UUID orgId, String key, long exp, String sig) {
        return signer.matches(orgId, key, exp, sig);
    }

    private static String objectCategory(String key) {
        return key.substring(0, key.indexOf('_'));
    }

    private void quietlyDelete(String objectKey) {
        try {
            backend.delete(objectKey);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete blob {}: {}", objectKey, e.toString());
        }
    }

    private static StoredBlob toBlob(Record r) {
        return new StoredBlob(
                r.get(Files.KEY),
                r.get(Files.SIZE_BYTES),
                r.get(Files.SHA256),
                r.get(Files.CONTENT_TYPE),
                r.get(Files.FILENAME));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String normalisedType(@Nullable String contentType) {
        if (contentType == null) return "application/octet-stream";
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return MIME.matcher(bare).matches() ? bare : "application/octet-stream";
    }

    static @Nullable String cleanFilename(@Nullable String filename) {
        if (filename == null) return null;
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cntrl}\"]", "")
                .strip();
        if (name.isEmpty()) return null;
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }
}
