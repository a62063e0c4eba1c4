package io.switchboard.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * A CSV download written straight to the response as rows are produced (nothing is held in memory),
 * whatever the client's Accept header says. Cells that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) are prefixed with a quote.
 */
public final class CsvDownload {

    /** Receives rows in order; a row's cells are printed with {@link Object#toString()}, null as empty. */
    @FunctionalInterface
    public interface Rows {
        void add(@Nullable Object... cells);
    }

    @FunctionalInterface
    public interface Body {
        void write(Rows rows);
    }

    private CsvDownload() {}

    public static void write(HttpServletResponse response, String filename, List<String> header, Body body)
            throws IOException {
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        var writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        try (var csv = new CSVPrinter(
                writer,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            body.write(cells -> {
                try {
                    for (Object cell : cells) csv.print(safe(cell));
                    csv.println();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Hands every row of the query to {@code rows}, read through a cursor of {@value #FETCH_SIZE} rows at
     * a time; PostgreSQL only streams inside a transaction, so call it in one.
     */
    public static void stream(ResultQuery<?> query, Rows rows) {
        try (var cursor = query.fetchSize(FETCH_SIZE).fetchLazy()) {
            for (Record r : cursor) rows.add(r.intoArray());
        }
    }

    private static final int FETCH_SIZE = 1000;

    /**
     * Spreadsheet apps run cells starting with = + - @ as formulas: prefix them. A plain number or
     * phone number ("+14155550100", "-12.5") can't call anything and is left as it is.
     */
    public static @Nullable Object safe(@Nullable Object cell) {
        if (!(cell instanceof String s) || s.isEmpty()) return cell;
        char c = s.charAt(0);
        boolean formula = "=+-@\t\r".indexOf(c) >= 0;
        return formula && !PLAIN_NUMBER.matcher(s).matches() ? "'" + s : s;
    }

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]?[0-9][0-9 ().]*");
}
