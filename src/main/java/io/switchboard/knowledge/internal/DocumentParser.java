package io.switchboard.knowledge.internal;

import io.switchboard.knowledge.internal.ParsedDocument.Section;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of a supported format into sections under their headings. Headings come from
 * Markdown {@code #} lines, HTML {@code h1}-{@code h6}, Word heading styles; PDFs are cited by page;
 * a CSV of question,answer pairs becomes one section per question.
 */
final class DocumentParser {

    /** A document whose bytes cannot be read as its format; the message is shown to the user. */
    static final class UnreadableDocumentException extends RuntimeException {
        UnreadableDocumentException(String message) {
            super(message);
        }
    }

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");

    private DocumentParser() {}

    static ParsedDocument parse(DocumentFormat format, byte[] content) {
        return switch (format) {
            case TEXT -> text(utf8(content));
            case MARKDOWN -> markdown(utf8(content));
            case HTML -> html(utf8(content), null);
            case PDF -> pdf(content);
            case DOCX -> docx(content);
            case CSV -> faq(content);
        };
    }

    static ParsedDocument html(String html, @Nullable String baseUrl) {
        var document = baseUrl == null ? Jsoup.parse(html) : Jsoup.parse(html, baseUrl);
        String title = document.title().isBlank() ? null : document.title().trim();
        document.select("script, style, noscript, nav, header, footer, form, svg, iframe, template")
                .remove();
        var builder = new SectionBuilder();
        var paragraph = new StringBuilder();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    paragraph.append(text.text());
                } else if (node instanceof Element element) {
                    if (element.nameIs("br")) {
                        paragraph.append(' ');
                    } else if (element.isBlock() || isHeading(element)) {
                        builder.paragraph(paragraph.toString());
                        paragraph.setLength(0);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    if (isHeading(element)) {
                        builder.heading(headingLevel(element), paragraph.toString());
                        paragraph.setLength(0);
                    } else if (element.isBlock()) {
                        builder.paragraph(paragraph.toString());
                        paragraph.setLength(0);
                    } else if (element.nameIs("td") || element.nameIs("th")) {
                        paragraph.append(' ');
                    }
                }
            }
        });
        builder.paragraph(paragraph.toString());
        return new ParsedDocument(title, builder.sections());
    }

    private static boolean isHeading(Element element) {
        return element.normalName().matches("h[1-6]");
    }

    private static int headingLevel(Element element) {
        return element.normalName().charAt(1) - '0';
    }

    static ParsedDocument text(String text) {
        var builder = new SectionBuilder();
        for (String paragraph : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            builder.paragraph(paragraph);
        }
        return new ParsedDocument(null, builder.sections());
    }

    static ParsedDocument markdown(String markdown) {
        var builder = new SectionBuilder();
        var paragraph = new StringBuilder();
        boolean fenced = false;
        String title = null;
        for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = fenced ? null : MARKDOWN_HEADING.matcher(line);
            if (heading != null && heading.matches()) {
                builder.paragraph(paragraph.toString());
                paragraph.setLength(0);
                String text = stripMarkdown(heading.group(2));
                if (title == null && heading.group(1).length() == 1) {
                    title = text;
                }
                builder.heading(heading.group(1).length(), text);
            } else if (line.isBlank() && !fenced) {
                builder.paragraph(paragraph.toString());
                paragraph.setLength(0);
            } else {
                String cleaned = fenced ? line : stripMarkdown(line.replaceFirst("^\\s*([-*+]|\\d+\\.|>)\\s+", ""));
                if (!paragraph.isEmpty()) paragraph.append(fenced ? "\n" : " ");
                paragraph.append(cleaned);
            }
        }
        builder.paragraph(paragraph.toString());
        return new ParsedDocument(title, builder.sections());
    }

    private static String stripMarkdown(String text) {
        return text.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replaceAll("(\\*\\*|__|`)", "")
                .trim();
    }

    static ParsedDocument pdf(byte[] content) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            if (pdf.isEncrypted()) {
                throw new UnreadableDocumentException("The PDF is encrypted; upload an unprotected copy");
            }
            var stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            List<Section> sections = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf);
                List<String> paragraphs = new ArrayList<>();
                for (String paragraph : text.split("\n\\s*\n")) {
                    String joined = paragraph
                            .replaceAll("-\\n(?=\\p{Ll})", "")
                            .replaceAll("\\s*\\n\\s*", " ")
                            .trim();
                    if (!joined.isEmpty()) paragraphs.add(joined);
                }
                if (!paragraphs.isEmpty()) {
                    sections.add(new Section("Page " + page, paragraphs));
                }
            }
            String title = pdf.getDocumentInformation() == null
                    ? null
                    : pdf.getDocumentInformation().getTitle();
            return new ParsedDocument(title == null || title.isBlank() ? null : title.trim(), sections);
        } catch (IOException e) {
            throw new UnreadableDocumentException("The PDF could not be read: " + e.getMessage());
        }
    }

    static ParsedDocument docx(byte[] content) {
        try (var docx = new XWPFDocument(new ByteArrayInputStream(content))) {
            var builder = new SectionBuilder();
            String title = null;
            for (IBodyElement element : docx.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    String text = paragraph.getText();
                    int level = headingLevel(paragraph.getStyleID(), docx, paragraph);
                    if (level > 0 && !text.isBlank()) {
                        if (title == null && level == 1) title = text.trim();
                        builder.heading(level, text);
                    } else {
                        builder.paragraph(text);
                    }
                } else if (element instanceof XWPFTable table) {
                    table.getRows()
                            .forEach(row -> builder.paragraph(String.join(
                                    " | ",
                                    row.getTableCells().stream()
                                            .map(cell -> cell.getText().trim())
                                            .toList())));
                }
            }
            return new ParsedDocument(title, builder.sections());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableDocumentException("The Word document could not be read: " + e.getMessage());
        }
    }

    private static int headingLevel(@Nullable String styleId, XWPFDocument docx, XWPFParagraph paragraph) {
        String style = styleId == null ? "" : styleId;
        if (docx.getStyles() != null && styleId != null && docx.getStyles().getStyle(styleId) != null) {
            style = style + " " + docx.getStyles().getStyle(styleId).getName();
        }
        String lower = style.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.contains("title")) return 1;
        Matcher m = Pattern.compile("heading(\\d)").matcher(lower);
        return m.find() ? Math.max(1, Integer.parseInt(m.group(1))) : 0;
    }

    /** Question/answer pairs: a header row naming a question and an answer column (any order). */
    static ParsedDocument faq(byte[] content) {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(reader);
            List<String> headers = parser.getHeaderNames().stream()
                    .map(h -> h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT))
                    .toList();
            int question = indexOf(headers, "question", "q");
            int answer = indexOf(headers, "answer", "a");
            if (question < 0 || answer < 0) {
                throw new UnreadableDocumentException(
                        "The CSV needs a header row with a question and an answer column");
            }
            List<Section> sections = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() <= Math.max(question, answer)) continue;
                String q = record.get(question).trim();
                String a = record.get(answer).trim();
                if (q.isEmpty() || a.isEmpty()) continue;
                sections.add(new Section(q, List.of(q, a)));
            }
            return new ParsedDocument(null, sections);
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableDocumentException("The CSV could not be read: " + e.getMessage());
        }
    }

    private static int indexOf(List<String> headers, String... names) {
        for (String name : names) {
            int i = headers.indexOf(name);
            if (i >= 0) return i;
        }
        return -1;
    }

    private static String utf8(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Collects paragraphs under the current heading path. */
    private static final class SectionBuilder {
        private final List<Section> sections = new ArrayList<>();
        private final String[] path = new String[7];
        private @Nullable String heading;
        private List<String> paragraphs = new ArrayList<>();

        void heading(int level, String text) {
            String clean = text.replaceAll("\\s+", " ").trim();
            if (clean.isEmpty()) return;
            flush();
            path[level] = clean;
            for (int i = level + 1; i < path.length; i++) path[i] = null;
            List<String> parts = new ArrayList<>();
            for (int i = 1; i < path.length; i++) {
                if (path[i] != null) parts.add(path[i]);
            }
            heading = String.join(" › ", parts);
        }

        void paragraph(String text) {
            String clean = text.replaceAll("[ \\t\\x0B\\f\\r\\u00A0]+", " ").trim();
            if (!clean.isEmpty()) paragraphs.add(clean);
        }

        private void flush() {
            if (!paragraphs.isEmpty()) {
                sections.add(new Section(heading, paragraphs));
            }
            paragraphs = new ArrayList<>();
        }

        List<Section> sections() {
            flush();
            return sections;
        }
    }
}
