package io.switchboard.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Holds the bytes; metadata and access rules live in {@link StorageService}. */
interface BlobBackend {

    /** {@code local} or {@code s3}. */
    String name();

    /** Stores a finished temporary file under {@code objectKey}; the file may be moved away. */
    void store(String objectKey, Path file, long size, String contentType) throws IOException;

    InputStream read(String objectKey) throws IOException;

    void delete(String objectKey) throws IOException;
}
