package io.switchboard.knowledge.internal;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a document is written in; decided by file extension first, then by content type. */
enum DocumentFormat {
    TEXT,
    MARKDOWN,
    HTML,
    PDF,
    DOCX,
    CSV;

    static final String SUPPORTED = ".txt, .md, .html, .pdf, .docx or .csv";

    String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DocumentFormat fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    static Optional<DocumentFormat> detect(@Nullable String filename, @Nullable String contentType) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        var byExtension = switch (extension) {
            case "txt", "text" -> TEXT;
            case "md", "markdown" -> MARKDOWN;
            case "html", "htm" -> HTML;
            case "pdf" -> PDF;
            case "docx" -> DOCX;
            case "csv" -> CSV;
            default -> null;
        };
        if (byExtension != null) {
            return Optional.of(byExtension);
        }
        String type = contentType == null
                ? ""
                : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return Optional.ofNullable(
                switch (type) {
                    case "text/plain" -> TEXT;
                    case "text/markdown", "text/x-markdown" -> MARKDOWN;
                    case "text/html", "application/xhtml+xml" -> HTML;
                    case "application/pdf" -> PDF;
                    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> DOCX;
                    case "text/csv" -> CSV;
                    default -> null;
                });
    }
}
