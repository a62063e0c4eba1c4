package io.switchboard.storage;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Files of an organisation. Every method takes the organisation explicitly (callers may be background
 * workers) and treats another organisation's key exactly like a missing one.
 */
public interface BlobStore {

    /**
     * Streams {@code content} into storage, computing size and SHA-256 on the way.
     *
     * @param category a short lower-case word grouping files ({@code media}, {@code attachments})
     * @throws BlobTooLargeException when the stream passes {@code maxBytes}; nothing is kept then
     */
    StoredBlob put(
            UUID orgId, String category, String filename, String contentType, InputStream content, long maxBytes);

    /** The file's metadata, if the organisation has it. */
    Optional<StoredBlob> find(UUID orgId, String key);

    /** The file's bytes; the caller closes the stream. */
    Optional<OpenBlob> open(UUID orgId, String key);

    /** Removes the file; a missing one is not an error. */
    void delete(UUID orgId, String key);

    /**
     * A link to the file, relative to the server root ({@code /api/v1/files/{key}?exp=&sig=}), valid
     * for about {@code ttl}. The signature is the credential, so it works in {@code <img>} tags.
     *
     * @throws io.switchboard.shared.ApiProblem not found when the organisation has no such file
     */
    String signedUrl(UUID orgId, String key, Duration ttl);

    /**
     * An absolute signed link for providers that fetch media themselves (Twilio); empty when no
     * public URL ({@code SWITCHBOARD_PUBLIC_URL}) is configured, since a provider cannot reach us then.
     */
    Optional<String> publicUrl(UUID orgId, String key, Duration ttl);

    /** Whether {@link #publicUrl} can answer at all. */
    boolean publicLinksAvailable();

    /** {@code local} or {@code s3}: which backend holds the bytes. */
    String backend();

    /** An opened file; close it to release the stream. */
    record OpenBlob(StoredBlob blob, InputStream content) implements AutoCloseable {
        @Override
        public void close() {
            try {
                content.close();
            } catch (java.io.IOException ignored) {
                // nothing useful to do about a failing close of a read stream
            }
        }
    }
}
