package io.switchboard.contacts;

import java.io.InputStream;

/**
 * One holder's part of a contact's export archive (a ZIP streamed to the caller): JSON documents and
 * files under the holder's folder. Entries are written as they come; nothing is kept in memory.
 */
public interface ContactExport {

    /** Writes {@code value} as pretty JSON to {@code <holder>/<path>}. */
    void json(String path, Object value);

    /** Copies a file (media, recordings) to {@code <holder>/<path>}; the caller closes {@code content}. */
    void file(String path, InputStream content);
}
