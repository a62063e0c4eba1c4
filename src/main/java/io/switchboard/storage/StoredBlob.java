package io.switchboard.storage;

import org.jspecify.annotations.Nullable;

/** A stored file: its opaque key (unique across organisations), size, SHA-256 (hex) and type. */
public record StoredBlob(
        String key,
        long size,
        String sha256,
        String contentType,
        @Nullable String filename) {}
