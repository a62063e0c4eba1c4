package io.switchboard.storage;

/** The stream passed the size allowed for it; nothing was stored. */
public class BlobTooLargeException extends RuntimeException {

    private final long maxBytes;

    public BlobTooLargeException(long maxBytes) {
        super("is larger than " + humanSize(maxBytes), null, false, false);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** 5 MB, 16 MB, 100 KB: how limits are written in messages. */
    public static String humanSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MB";
        if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + " KB";
        return bytes + " bytes";
    }
}
