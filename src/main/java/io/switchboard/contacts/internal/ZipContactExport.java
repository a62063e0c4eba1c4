package io.switchboard.contacts.internal;

import io.switchboard.contacts.ContactExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/** Writes export entries straight into the ZIP being streamed to the caller. */
final class ZipContactExport {

    /** Folder and file names holders may use: no absolute paths, no {@code ..}. */
    private static final Pattern SAFE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}(/[A-Za-z0-9][A-Za-z0-9._-]{0,120}){0,4}");

    private final ZipOutputStream zip;
    private final JsonMapper json;
    private final Set<String> written = new HashSet<>();
    private long files;

    ZipContactExport(ZipOutputStream zip, JsonMapper json) {
        this.zip = zip;
        this.json = json;
    }

    /** The part of one holder: its entries live under {@code folder/}. */
    ContactExport part(String folder) {
        return new ContactExport() {
            @Override
            public void json(String path, Object value) {
                write(
                        folder + "/" + path,
                        json.writer().withDefaultPrettyPrinter().writeValueAsBytes(value));
            }

            @Override
            public void file(String path, InputStream content) {
                String name = entryName(folder + "/" + path);
                try {
                    zip.putNextEntry(new ZipEntry(name));
                    content.transferTo(zip);
                    zip.closeEntry();
                    files++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    long files() {
        return files;
    }

    private void write(String path, byte[] bytes) {
        String name = entryName(path);
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String entryName(String path) {
        if (!SAFE.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("unsafe export entry name: " + path);
        }
        if (!written.add(path)) {
            throw new IllegalArgumentException("export entry written twice: " + path);
        }
        return path;
    }
}
